package io.drover.protocol;

import io.drover.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;

/**
 * The framework API of the leading master (Mesos's scheduler calls). Only the leader registers it
 * at {@code drover.master}; a call when there is no leader fails with NO_HANDLERS. Offers, rescinds,
 * status updates and heartbeats reach the framework at {@code drover.framework.<frameworkId>}.
 * Rejected calls fail with a {@code ServiceException} whose code is an HTTP-like status (400 bad
 * request, 404 unknown framework/offer/task, 409 conflict) and whose message names the problem.
 */
@ProxyGen
@VertxGen
public interface MasterService {

  /** Calls wait at most this long for the leader's answer. */
  long CALL_TIMEOUT_MS = 10_000;

  static MasterService createProxy(Vertx vertx) {
    return createTermProxy(vertx, Addresses.MASTER);
  }

  /** The service at {@code address}: {@link Addresses#master(long)} for a known leader's term. */
  static MasterService createTermProxy(Vertx vertx, String address) {
    return new ServiceProxyBuilder(vertx).setAddress(address)
      .setOptions(new DeliveryOptions().setSendTimeout(CALL_TIMEOUT_MS)).build(MasterService.class);
  }

  /**
   * The service of this process's own leadership, for the HTTP gateways of the leading master: a call
   * never goes to a handler that a dead leader left in the cluster's map until its session expired.
   */
  static MasterService createLocalProxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(Addresses.MASTER)
      .setOptions(new DeliveryOptions().setSendTimeout(CALL_TIMEOUT_MS).setLocalOnly(true)).build(MasterService.class);
  }

  /**
   * Subscribes a framework, or re-subscribes it (after its own failover or a new leader) when the
   * info carries an id. The answer carries the framework id and the leader's epoch.
   */
  Future<Subscribed> subscribe(FrameworkInfo framework);

  /**
   * Accepts offers of one agent by launching tasks against them; what the tasks do not use returns
   * to the pool and is refused for {@code filters.refuse_seconds}. All or nothing: an unknown or
   * rescinded offer, or tasks needing more than the offers hold, reject the whole call.
   */
  Future<Void> accept(String frameworkId, List<String> offerIds, List<TaskInfo> tasks, Filters filters);

  /**
   * As {@link #accept}, first reserving {@code reservations.reserve} of the offers' resources for
   * anyone for the offers' role and unreserving {@code reservations.unreserve} of their reserved part
   * (Mesos's RESERVE and UNRESERVE offer operations, both resources in {@code Json.resources} form);
   * the tasks may use what is reserved then.
   */
  Future<Void> acceptWithReservations(String frameworkId, List<String> offerIds, JsonObject reservations,
                                      List<TaskInfo> tasks, Filters filters);

  /**
   * Reserves {@code resources} (in {@code Json.resources} form) of an agent for {@code role}, or
   * unreserves them (Mesos's RESERVE_RESOURCES and UNRESERVE_RESOURCES): what is offered counts as
   * free, and the agent's outstanding offers are rescinded once the change is accepted. Fails with 404 for an unknown agent, 400 for a bad request and 409
   * when the resources are not free (or the reservation is in use).
   */
  Future<Void> reserveResources(String agentId, String role, JsonObject resources, boolean unreserve);

  /**
   * Creates persistent volumes on an agent's reserved disk and destroys volumes no task uses
   * (Mesos's CREATE_VOLUMES and DESTROY_VOLUMES; each volume as {@link PersistentVolume#toJson}).
   * The agent's outstanding offers are rescinded once the change is accepted. Fails with 404 for an
   * unknown agent, 400 for an invalid volume and 409 when the disk is not free, an id is taken, or a
   * volume to destroy is unknown or in use.
   */
  Future<Void> changeVolumes(String agentId, JsonArray create, JsonArray destroy);

  /** Declines offers; their agents are not offered to this framework for {@code refuse_seconds}. */
  Future<Void> decline(String frameworkId, List<String> offerIds, Filters filters);

  /** Clears the framework's filters and ends a suppression. */
  Future<Void> revive(String frameworkId);

  /** Stops offers to the framework until it revives. */
  Future<Void> suppress(String frameworkId);

  /** Kills a task; a task the master does not know is answered with a TASK_LOST update. */
  Future<Void> kill(String frameworkId, String taskId);

  /**
   * Acknowledges status updates by their uuids, so their agents stop resending them; a framework
   * acknowledges only its own (the framework id of each is taken from the call).
   */
  Future<Void> acknowledge(String frameworkId, List<AcknowledgeUpdate> acknowledgements);

  /**
   * Asks for the latest state of the given tasks (explicit) or, with an empty list, of all the
   * framework's tasks (implicit). The answers arrive as status updates without a uuid.
   */
  Future<Void> reconcile(String frameworkId, List<String> taskIds);

  /**
   * The framework's active tasks as the master knows them (Mesos's operator call GET_TASKS), each
   * with its latest status and its agent's hostname and attributes. A framework that lost its memory
   * rebuilds itself from this. A leader elected a moment ago fails with 503 until the agents it knows
   * have re-registered (or are found unreachable): before that its list may lack running tasks.
   */
  Future<List<KnownTask>> tasks(String frameworkId);

  /**
   * Sends a framework message to one of the framework's executors on an agent (Mesos's MESSAGE
   * call): best effort, as in Mesos; fails when the agent is unknown or has no such executor.
   */
  Future<Void> message(String frameworkId, FrameworkMessage message);

  /** Removes the framework and kills all its tasks. */
  Future<Void> teardown(String frameworkId);

  /**
   * Sets the weights of the roles named in {@code weights} (role to a positive number), durably;
   * the others keep theirs (Mesos's {@code UPDATE_WEIGHTS}). Fails with 400 naming an invalid role
   * or weight, changing nothing.
   */
  Future<Void> updateWeights(JsonObject weights);

  /**
   * Replaces the quotas of the roles named, durably (Mesos's {@code UPDATE_QUOTA}):
   * {@code {"force": false, "quota_configs": [{"role": "eng", "guarantees": {"cpus": 2},
   * "limits": {"cpus": 4}}]}}; a config of no guarantees and no limits removes the role's quota.
   * Fails with 400 naming the problem, changing nothing.
   */
  Future<Void> updateQuotas(JsonObject request);

  /**
   * Accepts inverse offers (Mesos's {@code ACCEPT_INVERSE_OFFERS}): the framework will have left
   * their agents by their unavailability; the next ones for those agents wait
   * {@code filters.refuse_seconds}. Ids no longer valid are ignored, as in Mesos.
   */
  Future<Void> acceptInverseOffers(String frameworkId, List<String> inverseOfferIds, Filters filters);

  /** Declines inverse offers (Mesos's {@code DECLINE_INVERSE_OFFERS}); otherwise as accepting them. */
  Future<Void> declineInverseOffers(String frameworkId, List<String> inverseOfferIds, Filters filters);
}
