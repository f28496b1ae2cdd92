package io.drover.marathon.app;

/** One problem with a request body: a JSON path such as {@code /cpus} and what is wrong there. */
public record Violation(String path, String error) {
}
