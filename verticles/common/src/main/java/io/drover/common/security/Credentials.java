package io.drover.common.security;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens a process accepts: an operator token that may do everything and, optionally, a
 * read-only one. Each comes from a file ({@code tokenFile}, {@code readTokenFile}) or else from the
 * environment ({@code DROVER_TOKEN}, {@code DROVER_READ_TOKEN}). Only digests are kept, compared in
 * constant time; a token is never logged nor put in a configuration.
 */
public final class Credentials {

  public enum Access { OPERATOR, READ_ONLY }

  public static final String TOKEN_ENV = "DROVER_TOKEN";
  public static final String READ_TOKEN_ENV = "DROVER_READ_TOKEN";
  /** Short secrets can be guessed: a token must be at least this long. */
  static final int MIN_LENGTH = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] operator;
  private final byte[] readOnly;
  /** The member credential as it travels (base64url), compared as bytes on every message. */
  private final byte[] member;

  private Credentials(byte[] operator, byte[] readOnly) {
    this.operator = operator;
    this.readOnly = readOnly;
    this.member = operator == null ? null : Base64.getUrlEncoder().withoutPadding()
      .encode(hmac(operator, "drover event-bus member"));
  }

  /** No token: the process serves anyone who reaches it (only allowed on the loopback interface). */
  public static Credentials none() {
    return new Credentials(null, null);
  }

  public static Credentials of(String operator, String readOnly) {
    if (operator == null && readOnly != null) {
      throw new IllegalArgumentException("a read-only token needs an operator token beside it");
    }
    return new Credentials(digest(valid(operator, "the operator token")), digest(valid(readOnly, "the read-only token")));
  }

  /** From a role's configuration and the process environment. */
  public static Credentials from(JsonObject config) {
    return from(config, System.getenv());
  }

  /**
   * @throws IllegalArgumentException naming the file or variable when a token cannot be read or is too short
   */
  public static Credentials from(JsonObject config, Map<String, String> env) {
    return of(token(config.getString("tokenFile"), env.get(TOKEN_ENV)),
      token(config.getString("readTokenFile"), env.get(READ_TOKEN_ENV)));
  }

  /** A fresh random token (256 bits, URL-safe). */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public boolean enabled() {
    return operator != null;
  }

  /** What {@code presented} may do; empty when it is no token of ours. */
  public Optional<Access> check(String presented) {
    if (presented == null || operator == null) {
      return Optional.empty();
    }
    byte[] candidate = digest(presented);
    // both digests are compared whatever the first answer, so the time taken tells nothing
    boolean isOperator = MessageDigest.isEqual(candidate, operator);
    boolean isReader = readOnly != null && MessageDigest.isEqual(candidate, readOnly);
    return isOperator ? Optional.of(Access.OPERATOR) : isReader ? Optional.of(Access.READ_ONLY) : Optional.empty();
  }

  /**
   * What a process shows on the event bus to prove it belongs to the cluster: derived from the
   * operator token (one-way), so a credential seen on the wire does not open the HTTP APIs.
   */
  public Optional<String> memberCredential() {
    return member == null ? Optional.empty() : Optional.of(new String(member, StandardCharsets.US_ASCII));
  }

  /** True when {@code presented} is this cluster's member credential. */
  public boolean isMember(String presented) {
    // every message arriving on the bus passes here: no decoding, one constant-time comparison
    return member != null && presented != null
      && MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII), member);
  }

  @Override
  public String toString() {
    return enabled() ? "Credentials[operator" + (readOnly != null ? ", read-only" : "") + "]" : "Credentials[none]";
  }

  private static String token(String file, String env) {
    String token = Secrets.read(file, env, "the token file");
    if (file != null && token.isEmpty()) {
      throw new IllegalArgumentException("the token file " + file + " is empty");
    }
    return token;
  }

  private static String valid(String token, String what) {
    if (token != null && token.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(what + " is shorter than " + MIN_LENGTH + " characters");
    }
    return token;
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] digest(String token) {
    if (token == null) {
      return null;
    }
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
