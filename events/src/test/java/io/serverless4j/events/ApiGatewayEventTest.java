/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.events.apigateway.ApiGatewayV1ProxyEvent;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiGatewayEventTest {

    record Order(String orderId, int quantity) {
    }

    @Test
    void parsesTheHttpApiV2Request() {
        ApiGatewayV2HttpEvent request = Events.parse(Fixtures.read("apigateway-v2-request.json"),
                ApiGatewayV2HttpEvent.class);
        assertThat(request.version()).isEqualTo("2.0");
        assertThat(request.routeKey()).isEqualTo("POST /orders");
        assertThat(request.rawPath()).isEqualTo("/orders");
        assertThat(request.rawQueryString()).isEqualTo("parameter1=value1&parameter1=value2&parameter2=value");
        assertThat(request.cookies()).containsExactly("cookie1", "cookie2");
        assertThat(request.queryStringParameters()).containsEntry("parameter1", "value1,value2");
        assertThat(request.pathParameters()).containsEntry("parameter1", "value1");
        assertThat(request.stageVariables()).hasSize(2);
        assertThat(request.method()).isEqualTo("POST");
        ApiGatewayV2HttpEvent.RequestContext context = request.requestContext();
        assertThat(context.requestId()).isEqualTo("JKJaXmPLvHcESHA=");
        assertThat(context.http().sourceIp()).isEqualTo("192.0.2.1");
        assertThat(context.http().path()).isEqualTo("/orders");
        assertThat(context.time()).isEqualTo(Instant.parse("2020-03-12T19:03:58Z"));
        assertThat(context.timeEpoch()).isEqualTo(Instant.ofEpochMilli(1584039838390L));
        assertThat(context.authorizer().at("/jwt/claims/sub").asText()).isEqualTo("user-1");
        assertThat(context.authentication().at("/clientCert/subjectDN").asText()).isEqualTo("www.example.com");
        assertThat(request.body(Order.class)).isEqualTo(new Order("o-1", 2));
        assertThat(request.base64Encoded()).isFalse();
    }

    @Test
    void findsHeadersInAnyLetterCase() {
        ApiGatewayV2HttpEvent request = Events.parse(Fixtures.read("apigateway-v2-request.json"),
                ApiGatewayV2HttpEvent.class);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("IDEMPOTENCY-KEY")).isEqualTo("5f1c2a");
        assertThat(request.header("x-missing")).isNull();
    }

    @Test
    void decodesABase64Body() {
        String encoded = Base64.getEncoder().encodeToString("{\"orderId\":\"o-9\",\"quantity\":1}"
                .getBytes(StandardCharsets.UTF_8));
        String json = Fixtures.read("apigateway-v2-request.json")
                .replace("\"{\\\"orderId\\\":\\\"o-1\\\",\\\"quantity\\\":2}\"", "\"" + encoded + "\"")
                .replace("\"isBase64Encoded\": false", "\"isBase64Encoded\": true");
        ApiGatewayV2HttpEvent request = Events.parse(json, ApiGatewayV2HttpEvent.class);
        assertThat(request.base64Encoded()).isTrue();
        assertThat(request.body(Order.class)).isEqualTo(new Order("o-9", 1));
        assertThat(new String(request.bodyBytes(), StandardCharsets.UTF_8)).startsWith("{\"orderId\":\"o-9\"");
    }

    @Test
    void namesTheRequestIdWhenTheBodyIsNotTheExpectedJson() {
        ApiGatewayV2HttpEvent request = Events.parse(Fixtures.read("apigateway-v2-request.json")
                .replace("\\\"quantity\\\":2", "\\\"quantity\\\":\\\"two\\\""), ApiGatewayV2HttpEvent.class);
        assertThatThrownBy(() -> request.body(Order.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("request JKJaXmPLvHcESHA= body as Order: quantity: expected a number, found a string");
    }

    @Test
    void parsesAFunctionUrlRequest() {
        String json = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/my/path\",\"rawQueryString\":\"\","
                + "\"headers\":{\"host\":\"abc.lambda-url.us-east-1.on.aws\"},\"requestContext\":{\"accountId\":"
                + "\"anonymous\",\"apiId\":\"abc\",\"domainName\":\"abc.lambda-url.us-east-1.on.aws\","
                + "\"domainPrefix\":\"abc\",\"http\":{\"method\":\"GET\",\"path\":\"/my/path\",\"protocol\":"
                + "\"HTTP/1.1\",\"sourceIp\":\"203.0.113.1\",\"userAgent\":\"agent\"},\"requestId\":\"r-1\","
                + "\"routeKey\":\"$default\",\"stage\":\"$default\",\"time\":\"12/Mar/2020:19:03:58 +0000\","
                + "\"timeEpoch\":1583348638390},\"isBase64Encoded\":false}";
        ApiGatewayV2HttpEvent request = Events.parse(json, ApiGatewayV2HttpEvent.class);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.body()).isNull();
        assertThat(request.bodyBytes()).isEmpty();
        assertThat(request.requestContext().authorizer()).isNull();
        assertThat(request.cookies()).isEmpty();
    }

    @Test
    void parsesTheRestApiV1Request() {
        ApiGatewayV1ProxyEvent request = Events.parse(Fixtures.read("apigateway-v1-request.json"),
                ApiGatewayV1ProxyEvent.class);
        assertThat(request.resource()).isEqualTo("/orders/{id}");
        assertThat(request.path()).isEqualTo("/orders/o-1");
        assertThat(request.httpMethod()).isEqualTo("GET");
        assertThat(request.header("origin")).isEqualTo("https://app.example.com");
        assertThat(request.multiValueHeaders().get("Accept")).isEqualTo(List.of("application/json"));
        assertThat(request.multiValueQueryStringParameters()).containsKey("fields");
        assertThat(request.pathParameters()).containsEntry("id", "o-1");
        assertThat(request.stageVariables()).isEmpty();
        assertThat(request.body()).isNull();
        ApiGatewayV1ProxyEvent.RequestContext context = request.requestContext();
        assertThat(context.requestId()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        assertThat(context.requestTime()).isEqualTo(Instant.parse("2020-03-04T19:15:17Z"));
        assertThat(context.requestTimeEpoch()).isEqualTo(Instant.ofEpochMilli(1583349317135L));
        assertThat(context.identity().sourceIp()).isEqualTo("192.0.2.1");
        assertThat(context.identity().user()).isNull();
        assertThat(context.authorizer().get("claims").isNull()).isTrue();
        assertThat(context.stage()).isEqualTo("prod");
    }

    @Test
    void readsTheRequestTimeWithAnOffset() {
        String json = Fixtures.read("apigateway-v1-request.json")
                .replace("04/Mar/2020:19:15:17 +0000", "04/Mar/2020:21:15:17 +0200");
        ApiGatewayV1ProxyEvent request = Events.parse(json, ApiGatewayV1ProxyEvent.class);
        assertThat(request.requestContext().requestTime()).isEqualTo(Instant.parse("2020-03-04T19:15:17Z"));
    }

    @Test
    void rejectsAnUnreadableRequestTimeWithItsPath() {
        String json = Fixtures.read("apigateway-v1-request.json").replace("04/Mar/2020:19:15:17 +0000", "yesterday");
        assertThatThrownBy(() -> Events.parse(json, ApiGatewayV1ProxyEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("ApiGatewayV1ProxyEvent: requestContext.requestTime: invalid value \"yesterday\": "
                        + "expected a time such as 04/Mar/2020:19:15:17 +0000");
    }
}
