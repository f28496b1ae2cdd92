package io.drover.common.security;

import io.drover.common.http.RouterServer;
import io.drover.common.http.RouterServer.Answer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The authenticator in front of a real router and server: what passes, and what each refusal says. */
class AuthenticatorTest {

  static final String OPERATOR = "operator-token-0123456789";
  static final String READER = "reader-token-0123456789";
  static RouterServer server;

  @BeforeAll
  static void start() throws Exception {
    server = RouterServer.start((vertx, router) -> {
      router.route().handler(new Authenticator(Credentials.of(OPERATOR, READER), path -> path.startsWith("/page")));
      router.route().handler(ctx -> ctx.response().end("ok " + (ctx.get(Authenticator.TOKEN) != null)));
    });
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static Answer send(HttpMethod method, String path, String header, String value) throws Exception {
    return server.send(method, path, header, value);
  }

  static Answer get(String authorization) throws Exception {
    return send(HttpMethod.GET, "/api", authorization == null ? null : "Authorization", authorization);
  }

  @Test
  void everyFormAClientSendsIsTaken() throws Exception {
    String basic = Base64.getEncoder().encodeToString(("admin:" + OPERATOR).getBytes(StandardCharsets.UTF_8));
    String userOnly = Base64.getEncoder().encodeToString((OPERATOR + ":").getBytes(StandardCharsets.UTF_8));
    for (String authorization : new String[] {"Bearer " + OPERATOR, "BEARER  " + OPERATOR, "token=" + OPERATOR,
      "Basic " + basic, "Basic " + userOnly}) {
      assertThat(get(authorization)).as(authorization).isEqualTo(new Answer(200, "ok true"));
    }
    String cookie = Authenticator.COOKIE + "=" + Authenticator.encodeCookie(OPERATOR);
    assertThat(send(HttpMethod.POST, "/api", "Cookie", cookie)).isEqualTo(new Answer(200, "ok true"));
  }

  @Test
  void missingAndWrongTokensGet401WithAReason() throws Exception {
    Answer missing = get(null);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(new JsonObject(missing.body()).getString("message")).contains("authentication required");
    for (String wrong : new String[] {"Bearer " + OPERATOR + "x", "Bearer", "Basic %%%", "Digest " + OPERATOR,
      "token="}) {
      Answer refused = get(wrong);
      assertThat(refused.status()).as(wrong).isEqualTo(401);
      assertThat(refused.body()).doesNotContain(OPERATOR);
    }
    assertThat(send(HttpMethod.GET, "/api", "Cookie", Authenticator.COOKIE + "=not*base64").status()).isEqualTo(401);
  }

  @Test
  void aReadOnlyTokenReadsButWritesNothing() throws Exception {
    assertThat(get("Bearer " + READER).status()).isEqualTo(200);
    Answer write = send(HttpMethod.DELETE, "/api", "Authorization", "Bearer " + READER);
    assertThat(write.status()).isEqualTo(403);
    assertThat(new JsonObject(write.body()).getString("message")).contains("may only read");
    // signing the dashboard in and out changes nothing in the cluster
    for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.DELETE}) {
      assertThat(send(method, Authenticator.SESSION, "Authorization", "Bearer " + READER).status()).isEqualTo(200);
    }
  }

  @Test
  void probesAndOpenPathsNeedNoToken() throws Exception {
    assertThat(send(HttpMethod.GET, "/ping", null, null)).isEqualTo(new Answer(200, "ok false"));
    assertThat(send(HttpMethod.GET, "/health", null, null)).isEqualTo(new Answer(200, "ok false"));
    assertThat(send(HttpMethod.GET, "/ready", null, null)).isEqualTo(new Answer(200, "ok false"));
    assertThat(send(HttpMethod.GET, "/page/app.js", null, null)).isEqualTo(new Answer(200, "ok false"));
    assertThat(send(HttpMethod.GET, "/pings", null, null).status()).isEqualTo(401);
  }
}
