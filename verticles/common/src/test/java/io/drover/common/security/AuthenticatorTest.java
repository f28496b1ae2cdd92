package io.drover.common.security;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The authenticator in front of a real router and server: what passes, and what each refusal says. */
class AuthenticatorTest {

  static final String OPERATOR = "operator-token-0123456789";
  static final String READER = "reader-token-0123456789";
  static final int ANSWER_TIMEOUT_SECONDS = 30;

  static Vertx vertx;
  static HttpClient client;
  static int port;

  record Answer(int status, String body) {
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(new Authenticator(Credentials.of(OPERATOR, READER), path -> path.startsWith("/page")));
    router.route().handler(ctx -> ctx.response().end("ok " + (ctx.get(Authenticator.TOKEN) != null)));
    port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
      .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    // one connection per request, so that every answer stands on its own
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static Answer send(HttpMethod method, String path, String header, String value) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
    if (header != null) {
      options.putHeader(header, value);
    }
    // the whole exchange on an event loop: chained from this thread, body() could be asked for after
    // the response had already ended, and then never complete (a 10 s timeout in 4 of 6 runs)
    Promise<Answer> answer = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> client.request(options).compose(request -> request.send())
      .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString())))
      .onComplete(answer));
    return answer.future().toCompletionStage().toCompletableFuture().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
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
  }

  @Test
  void probesAndOpenPathsNeedNoToken() throws Exception {
    assertThat(send(HttpMethod.GET, "/ping", null, null)).isEqualTo(new Answer(200, "ok false"));
    assertThat(send(HttpMethod.GET, "/health", null, null)).isEqualTo(new Answer(200, "ok false"));
    assertThat(send(HttpMethod.GET, "/page/app.js", null, null)).isEqualTo(new Answer(200, "ok false"));
    assertThat(send(HttpMethod.GET, "/pings", null, null).status()).isEqualTo(401);
  }
}
