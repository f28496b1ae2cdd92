package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** The body of {@link FrameworkEvent#ERROR}: the master dropped the framework, and why. */
@DataObject
public class FrameworkError {

  private final String message;

  public FrameworkError(String message) {
    this.message = message;
  }

  public FrameworkError(JsonObject json) {
    this(json.getString("message"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("message", message);
  }

  public String getMessage() {
    return message;
  }
}
