package io.drover.master.mesos;

import io.drover.master.view.AgentView;
import io.drover.master.view.FrameworkView;
import io.drover.master.view.TaskView;
import io.drover.protocol.FrameworkInfo;

/**
 * What the leading master tells operators as it happens (Mesos's operator {@code Event}s). Only a
 * leader in its term calls it, on the master's context; the views are those the dashboard gets too.
 */
public interface OperatorEvents {

  /** Whether any operator listens: the views of thousands of task changes need not be built for nobody. */
  boolean subscribed();

  /** A task new to this master: launched, or learnt from its agent after a failover. */
  void taskAdded(TaskView task);

  /** A task changed state. */
  void taskUpdated(TaskView task);

  /** An agent registered or re-registered (an operator already told of it hears nothing). */
  void agentAdded(AgentView agent);

  /** An agent became unreachable, or was replaced by a new one on its host. */
  void agentRemoved(String agentId);

  /** A framework subscribed, or was disconnected. */
  void frameworkChanged(FrameworkView framework);

  /** A framework was torn down or failed over past its timeout. */
  void frameworkRemoved(FrameworkInfo framework);
}
