/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.events.apigateway.ApiGatewayV1ProxyResponse;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpResponse;
import io.serverless4j.events.apigateway.CorsPolicy;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayResponseTest {

    record Order(String orderId, int quantity) {
    }

    private static final CorsPolicy CORS = CorsPolicy.builder()
            .allowedOrigins("https://app.example.com", "https://admin.example.com")
            .allowedMethods("get", "POST")
            .allowedHeaders("Content-Type", "Idempotency-Key")
            .maxAge(Duration.ofMinutes(10))
            .allowCredentials(true)
            .build();

    @Test
    void okWritesTheBodyAsJsonWithItsContentType() {
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.ok(new Order("o-1", 2));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"orderId\":\"o-1\",\"quantity\":2}");
        assertThat(response.headers()).containsEntry("Content-Type", "application/json");
        assertThat(response.base64Encoded()).isFalse();
    }

    @Test
    void createdAddsTheLocation() {
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.created("/orders/o-1", new Order("o-1", 2));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("Location", "/orders/o-1");
    }

    @Test
    void statusHasNoBodyAndNoHeaders() {
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.status(204);
        assertThat(response.body()).isNull();
        assertThat(response.headers()).isEmpty();
        assertThat(Events.write(response)).isEqualTo("{\"statusCode\":204,\"headers\":{},\"cookies\":[],"
                + "\"isBase64Encoded\":false}");
    }

    @Test
    void rejectsStatusCodesOutsideHttp() {
        assertThatThrownBy(() -> ApiGatewayV2HttpResponse.status(42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100..599");
        assertThatThrownBy(() -> ApiGatewayV1ProxyResponse.json(600, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorWritesTheStandardErrorShape() {
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.error(422, "VALIDATION_FAILED",
                "quantity must be positive", "req-1");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json");
        assertThat(response.body()).isEqualTo("{\"error\":{\"code\":\"VALIDATION_FAILED\","
                + "\"message\":\"quantity must be positive\",\"requestId\":\"req-1\"}}");
    }

    @Test
    void errorLeavesOutAnUnknownRequestIdAndRefusesSuccessStatuses() {
        assertThat(ApiGatewayV1ProxyResponse.error(500, "INTERNAL", "boom", null).body())
                .isEqualTo("{\"error\":{\"code\":\"INTERNAL\",\"message\":\"boom\"}}");
        assertThatThrownBy(() -> ApiGatewayV2HttpResponse.error(200, "OK", "fine", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4xx or 5xx");
    }

    @Test
    void binaryBodiesAreBase64Encoded() {
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.binary(200, new byte[] {1, 2, 3}, "image/png");
        assertThat(response.base64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(response.body())).containsExactly(1, 2, 3);
        assertThat(response.headers()).containsEntry("Content-Type", "image/png");
        assertThat(Events.write(response)).contains("\"isBase64Encoded\":true");
    }

    @Test
    void withHeaderReplacesAHeaderOfTheSameNameInAnyCase() {
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.ok("x").withHeader("content-type", "text/plain");
        assertThat(response.headers()).containsOnly(Map.entry("content-type", "text/plain"));
    }

    @Test
    void withCookieAddsSetCookieValues() {
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.status(204).withCookie("a=1").withCookie("b=2");
        assertThat(response.cookies()).containsExactly("a=1", "b=2");
    }

    @Test
    void corsReflectsAnAllowedOriginWithCredentials() {
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.ok("x").withCors(CORS, "https://app.example.com");
        assertThat(response.headers())
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com")
                .containsEntry("Access-Control-Allow-Credentials", "true")
                .containsEntry("Vary", "Origin")
                .doesNotContainKey("Access-Control-Allow-Methods");
    }

    @Test
    void corsGivesAForeignOriginNoAllowHeaders() {
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.ok("x").withCors(CORS, "https://evil.example");
        assertThat(response.headers()).doesNotContainKey("Access-Control-Allow-Origin").containsEntry("Vary", "Origin");
        assertThat(ApiGatewayV2HttpResponse.ok("x").withCors(CORS, null).headers())
                .doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void corsSendsAStarForAnyOriginWithoutCredentials() {
        CorsPolicy open = CorsPolicy.builder().allowedOrigins("*").build();
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.ok("x").withCors(open, "https://any.example");
        assertThat(response.headers()).containsEntry("Access-Control-Allow-Origin", "*").doesNotContainKey("Vary");
    }

    @Test
    void corsKeepsAnExistingVaryHeader() {
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.ok("x").withHeader("Vary", "Accept-Encoding")
                .withCors(CORS, "https://app.example.com");
        assertThat(response.headers()).containsEntry("Vary", "Accept-Encoding, Origin");
    }

    @Test
    void preflightAnswersAnAllowedOriginWithTheAllowHeaders() {
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.preflight(CORS, "https://admin.example.com");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isNull();
        assertThat(response.headers())
                .containsEntry("Access-Control-Allow-Origin", "https://admin.example.com")
                .containsEntry("Access-Control-Allow-Methods", "GET,POST")
                .containsEntry("Access-Control-Allow-Headers", "content-type,idempotency-key")
                .containsEntry("Access-Control-Max-Age", "600")
                .containsEntry("Access-Control-Allow-Credentials", "true");
    }

    @Test
    void preflightRefusesAForeignOrigin() {
        ApiGatewayV2HttpResponse response = ApiGatewayV2HttpResponse.preflight(CORS, "https://evil.example");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers()).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void restApiResponsesShareTheSameHelpers() {
        ApiGatewayV1ProxyResponse response = ApiGatewayV1ProxyResponse.created("/orders/o-1", new Order("o-1", 2))
                .withCors(CORS, "https://app.example.com");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"orderId\":\"o-1\",\"quantity\":2}");
        assertThat(response.headers()).containsEntry("Location", "/orders/o-1")
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com");
        assertThat(response.multiValueHeaders()).isEmpty();
        assertThat(ApiGatewayV1ProxyResponse.preflight(CORS, "https://app.example.com").headers())
                .isEqualTo(ApiGatewayV2HttpResponse.preflight(CORS, "https://app.example.com").headers());
        assertThat(ApiGatewayV1ProxyResponse.error(404, "NOT_FOUND", "no order o-2", "r").body())
                .isEqualTo(ApiGatewayV2HttpResponse.error(404, "NOT_FOUND", "no order o-2", "r").body());
        assertThat(ApiGatewayV1ProxyResponse.binary(200, new byte[] {9}, "application/octet-stream").base64Encoded())
                .isTrue();
    }

    @Test
    void restApiResponseWritesMultiValueHeaders() {
        ApiGatewayV1ProxyResponse response = new ApiGatewayV1ProxyResponse(200, Map.of(),
                Map.of("Set-Cookie", List.of("a=1", "b=2")), null, false);
        assertThat(Events.write(response)).contains("\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"]}");
    }

    @Test
    void corsPolicyRejectsCredentialsWithAnyOrigin() {
        assertThatThrownBy(() -> CorsPolicy.builder().allowedOrigins("*").allowCredentials(true).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("allowCredentials");
        assertThatThrownBy(() -> CorsPolicy.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one allowed origin");
    }

    @Test
    void corsPolicyBuilderValidatesAtOnce() {
        assertThatThrownBy(() -> CorsPolicy.builder().allowedOrigins("https://a.example/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorsPolicy.builder().maxAge(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorsPolicy.builder().allowedMethods((String) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void corsPolicyToBuilderDerivesAnEqualPolicy() {
        assertThat(CORS.toBuilder().build()).isEqualTo(CORS);
        assertThat(CORS.toBuilder().allowCredentials(false).build().allowCredentials()).isFalse();
        assertThat(CORS.allowedMethods()).containsExactly("GET", "POST");
    }
}
