package io.drover.resources;

/**
 * Text in the Mesos resource or attribute syntax that cannot be read. The message is one line and
 * names the offending token, so it can be shown to the user who typed it as it is.
 */
public class ResourceSyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public ResourceSyntaxException(String message) {
    super(message);
  }
}
