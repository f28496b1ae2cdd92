package io.drover.agent.fetch;

import io.drover.protocol.CommandInfo;

/** A fetch that failed or was refused, naming the URI and why; nothing of it is left in the sandbox. */
public final class FetchException extends Exception {

  FetchException(CommandInfo.Uri uri, String why) {
    super("could not fetch " + uri.value() + ": " + why);
  }
}
