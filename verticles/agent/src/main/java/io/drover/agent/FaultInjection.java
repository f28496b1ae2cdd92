package io.drover.agent;

import io.drover.common.Addresses;
import io.drover.protocol.AgentCommand;
import io.drover.protocol.AgentEvent;
import io.drover.protocol.Envelope;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.DeliveryOptions;

import java.util.Random;
import java.util.logging.Logger;

/**
 * A testing aid, off by default: makes the event bus lose and repeat this agent process's status
 * updates and lose the acknowledgements sent to it, to show that updates still arrive once and in
 * order. Never turn it on in production.
 */
final class FaultInjection {

  private static final Logger LOG = Logger.getLogger(FaultInjection.class.getName());
  private static final String REPEATED = "drover-fault-repeat";

  private FaultInjection() {
  }

  static void install(Vertx vertx, String nodeId, double dropRate, double duplicateRate) {
    if (dropRate <= 0 && duplicateRate <= 0) {
      return;
    }
    LOG.warning("FAULT INJECTION ON: dropping " + dropRate + " and repeating " + duplicateRate
      + " of status-update batches, dropping " + dropRate + " of acknowledgement batches");
    Random random = new Random();
    String node = Addresses.node(nodeId);
    vertx.eventBus().addOutboundInterceptor((DeliveryContext<Object> ctx) -> {
      boolean update = Addresses.AGENTS.equals(ctx.message().address())
        && AgentEvent.STATUS_UPDATES.name().equals(ctx.message().headers().get(Envelope.ACTION))
        && ctx.message().headers().get(REPEATED) == null;
      if (update && random.nextDouble() < dropRate) {
        return;
      }
      ctx.next();
      if (update && random.nextDouble() < duplicateRate) {
        vertx.eventBus().publish(Addresses.AGENTS, ctx.body(),
          new DeliveryOptions().setHeaders(ctx.message().headers()).addHeader(REPEATED, "1"));
      }
    });
    vertx.eventBus().addInboundInterceptor((DeliveryContext<Object> ctx) -> {
      boolean acknowledgement = node.equals(ctx.message().address())
        && AgentCommand.ACKNOWLEDGE.name().equals(ctx.message().headers().get(Envelope.ACTION));
      if (!acknowledgement || random.nextDouble() >= dropRate) {
        ctx.next();
      }
    });
  }
}
