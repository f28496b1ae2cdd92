package io.drover.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mesos's {@code DiscoveryInfo} of a task: the name and named ports by which service discovery
 * (mesos-dns SRV records, Traefik, mesos-consul) finds it. Its JSON is Mesos's, ports and labels
 * wrapped as Mesos wraps them: {@code {"ports": {"ports": [...]}, "labels": {"labels": [...]}}}.
 *
 * @param visibility who may see the task: Mesos's FRAMEWORK, CLUSTER or EXTERNAL
 * @param ports the task's ports, each with its number, name (may be null) and protocol
 */
public record DiscoveryInfo(String visibility, String name, List<Port> ports, Map<String, String> labels) {

  /** Visible to its framework only: what Marathon sets. */
  public static final String FRAMEWORK = "FRAMEWORK";

  public DiscoveryInfo {
    ports = List.copyOf(ports);
    labels = Map.copyOf(labels);
  }

  /** A port of the task: its host port number, its name (may be null), tcp or udp. */
  public record Port(int number, String name, String protocol) {

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("number", number).put("protocol", protocol);
      if (name != null) {
        json.put("name", name);
      }
      return json;
    }
  }

  public static DiscoveryInfo fromJson(JsonObject json) {
    List<Port> ports = new ArrayList<>();
    JsonObject portsJson = json.getJsonObject("ports");
    if (portsJson != null && portsJson.getJsonArray("ports") != null) {
      for (Object entry : portsJson.getJsonArray("ports")) {
        JsonObject port = (JsonObject) entry;
        ports.add(new Port(port.getInteger("number"), port.getString("name"), port.getString("protocol", "tcp")));
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    JsonObject labelsJson = json.getJsonObject("labels");
    if (labelsJson != null && labelsJson.getJsonArray("labels") != null) {
      for (Object entry : labelsJson.getJsonArray("labels")) {
        JsonObject label = (JsonObject) entry;
        labels.put(label.getString("key"), label.getString("value", ""));
      }
    }
    return new DiscoveryInfo(json.getString("visibility", FRAMEWORK), json.getString("name"), ports, labels);
  }

  public JsonObject toJson() {
    JsonArray portsJson = new JsonArray();
    ports.forEach(p -> portsJson.add(p.toJson()));
    JsonArray labelsJson = new JsonArray();
    labels.forEach((key, value) -> labelsJson.add(new JsonObject().put("key", key).put("value", value)));
    JsonObject json = new JsonObject().put("visibility", visibility);
    if (name != null) {
      json.put("name", name);
    }
    return json.put("ports", new JsonObject().put("ports", portsJson))
      .put("labels", new JsonObject().put("labels", labelsJson));
  }
}
