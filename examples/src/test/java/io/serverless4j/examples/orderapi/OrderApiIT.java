/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.orderapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverless4j.examples.Lambda;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.idempotency.Idempotency;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import io.serverless4j.testing.events.ApiGatewayEvents;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The order API invoked as Lambda invokes it (JSON bytes in and out), against DynamoDB on dynalite. */
@ExtendWith(LocalAws.class)
class OrderApiIT {

    private static final String ORIGIN = "https://shop.example.com";
    private static final String ORDERS = "orders-" + UUID.randomUUID();
    private static final String IDEMPOTENCY = "idempotency-" + UUID.randomUUID();
    private static DynamoDbClient setup;

    private DynamoDbClient dynamoDb;
    private OrderApiHandler handler;
    private String customerId;

    @BeforeAll
    static void createTables() {
        setup = LocalAws.dynamoDb().newClient();
        LocalDynamoDb.createTableAndWait(setup, ORDERS, "orderId");
        LocalDynamoDb.createTableAndWait(setup, IDEMPOTENCY, "id");
    }

    @AfterAll
    static void closeSetupClient() {
        setup.close();
    }

    @BeforeEach
    void newExecutionEnvironment(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.handler = newHandler();
        this.customerId = "c-" + UUID.randomUUID();
    }

    private OrderApiHandler newHandler() {
        return new OrderApiHandler(dynamoDb, ORDERS, IDEMPOTENCY, OrderApiHandler.corsPolicy(ORIGIN));
    }

    private JsonNode post(OrderApiHandler target, String idempotencyKey, String body) {
        ApiGatewayEvents.HttpApiRequest request = ApiGatewayEvents.httpApi("POST", "/orders")
                .header("Origin", ORIGIN)
                .header("Content-Type", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            request.body(body);
        }
        return Lambda.invoke(target, request.build(), TestLambdaContext.withRemainingTime(Duration.ofSeconds(10)).withFunctionName("order-api"));
    }

    private String order(String sku, int quantity) {
        return "{\"customerId\":\"" + customerId + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
                + "}]}";
    }

    private List<Map<String, AttributeValue>> storedOrders() {
        return dynamoDb.scan(b -> b.tableName(ORDERS).filterExpression("customerId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))).items();
    }

    private static String header(JsonNode response, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().asText();
            }
        }
        return null;
    }

    private static JsonNode body(JsonNode response) {
        return Lambda.parse(response.path("body").asText());
    }

    private static void assertError(JsonNode response, int status, String code) {
        assertThat(response.path("statusCode").asInt()).isEqualTo(status);
        JsonNode error = body(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("requestId").asText()).isNotBlank();
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    void createsTheOrderWith201AndStoresItOnce() {
        JsonNode response = post(handler, UUID.randomUUID().toString(), order("sku-1", 2));

        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
        JsonNode created = body(response);
        String orderId = created.path("orderId").asText();
        assertThat(header(response, "Location")).isEqualTo("/orders/" + orderId);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(created.path("status").asText()).isEqualTo("PENDING");
        assertThat(created.path("items").get(0).path("quantity").asInt()).isEqualTo(2);

        List<Map<String, AttributeValue>> stored = storedOrders();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("orderId").s()).isEqualTo(orderId);
        assertThat(stored.get(0).get("items").l().get(0).m().get("sku").s()).isEqualTo("sku-1");
    }

    @Test
    void answersARepeatWith200AndTheSameBodyFromTheStoreWithoutStoringAgain(CallRecorder calls) {
        String key = UUID.randomUUID().toString();
        JsonNode first = post(handler, key, order("sku-1", 1));
        // Another execution environment (no local cache): the answer comes from the idempotency table.
        JsonNode repeat = post(newHandler(), key, order("sku-1", 1));
        // The same environment again: from its local cache.
        JsonNode again = post(handler, key, order("sku-1", 1));

        assertThat(first.path("statusCode").asInt()).isEqualTo(201);
        assertThat(repeat.path("statusCode").asInt()).isEqualTo(200);
        assertThat(again.path("statusCode").asInt()).isEqualTo(200);
        assertThat(repeat.path("body").asText()).isEqualTo(first.path("body").asText());
        assertThat(again.path("body").asText()).isEqualTo(first.path("body").asText());
        assertThat(header(repeat, "Location")).isEqualTo(header(first, "Location"));
        assertThat(storedOrders()).hasSize(1);
        // 1 PutItem for the key + 1 for the order, then 1 refused PutItem for the repeat from the other environment.
        assertThat(calls.calls("PutItem")).isEqualTo(3);
    }

    @Test
    void refusesAKeyReusedForAnotherOrderWith409() {
        String key = UUID.randomUUID().toString();
        post(handler, key, order("sku-1", 1));

        JsonNode reused = post(newHandler(), key, order("sku-2", 5));

        assertError(reused, 409, "IDEMPOTENCY_KEY_REUSED");
        assertThat(storedOrders()).hasSize(1);
    }

    @Test
    void answers409WhileTheSameKeyIsStillInProgress() throws Exception {
        String key = UUID.randomUUID().toString();
        CreateOrderRequest order = new CreateOrderRequest(customerId, List.of(new CreateOrderRequest.Item("sku-1", 1)));
        // Another invocation holds the key: it took it in the table and is still working.
        Idempotency otherInvocation = OrderApiHandler.idempotency(dynamoDb, IDEMPOTENCY);
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<OrderCreated> holder = CompletableFuture.supplyAsync(() -> otherInvocation.execute(key, order,
                TestLambdaContext.withRemainingTime(Duration.ofSeconds(20)).withFunctionName("order-api"), OrderCreated.class, () -> {
                    taken.countDown();
                    await(release);
                    return new OrderCreated("o-held", customerId, order.items(), "PENDING", "2026-01-01T00:00:00Z");
                }));
        try {
            assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();

            JsonNode concurrent = post(handler, key, order("sku-1", 1));

            assertError(concurrent, 409, "IDEMPOTENCY_KEY_IN_PROGRESS");
            assertThat(Integer.parseInt(header(concurrent, "Retry-After"))).isBetween(1, 30);
        } finally {
            release.countDown();
        }
        holder.get(10, TimeUnit.SECONDS);
        // Once the holder completed, the same request gets its stored answer.
        JsonNode after = post(newHandler(), key, order("sku-1", 1));
        assertThat(after.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(after).path("orderId").asText()).isEqualTo("o-held");
        assertThat(storedOrders()).isEmpty();
    }

    @Test
    void refusesARequestWithoutIdempotencyKeyWith400() {
        JsonNode response = post(handler, null, order("sku-1", 1));

        assertError(response, 400, "IDEMPOTENCY_KEY_MISSING");
        assertThat(storedOrders()).isEmpty();
    }

    @Test
    void refusesMalformedJsonWith422() {
        JsonNode response = post(handler, UUID.randomUUID().toString(), "{\"customerId\": \"c-1\", \"items\": [");

        assertError(response, 422, "VALIDATION_FAILED");
        assertThat(body(response).path("error").path("message").asText()).contains("malformed JSON");
    }

    @Test
    void refusesMissingFieldsWith422NamingEachAndTakesNoKey() {
        String key = UUID.randomUUID().toString();
        JsonNode response = post(handler, key, "{\"items\":[{\"sku\":\"sku-1\"}]}");

        assertError(response, 422, "VALIDATION_FAILED");
        assertThat(body(response).path("error").path("message").asText())
                .contains("customerId: required", "items[0].quantity: required");
        assertThat(post(handler, UUID.randomUUID().toString(), null).path("statusCode").asInt()).isEqualTo(422);

        // The refused request took no key: the corrected request with the same key is created.
        assertThat(post(handler, key, order("sku-1", 1)).path("statusCode").asInt()).isEqualTo(201);
    }

    @Test
    void answersCorsPreflightForAllowedOriginsOnly() {
        JsonNode allowed = Lambda.invoke(handler, ApiGatewayEvents.httpApi("OPTIONS", "/orders")
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,idempotency-key").build(),
                TestLambdaContext.withRemainingTime(Duration.ofSeconds(10)).withFunctionName("order-api"));
        JsonNode foreign = Lambda.invoke(handler, ApiGatewayEvents.httpApi("OPTIONS", "/orders")
                .header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST").build(),
                TestLambdaContext.withRemainingTime(Duration.ofSeconds(10)).withFunctionName("order-api"));

        assertThat(allowed.path("statusCode").asInt()).isEqualTo(204);
        assertThat(header(allowed, "Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(header(allowed, "Access-Control-Allow-Headers")).contains("idempotency-key");
        assertThat(foreign.path("statusCode").asInt()).isEqualTo(403);
        assertThat(header(foreign, "Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void refusesOtherMethodsWith405() {
        JsonNode response = Lambda.invoke(handler, ApiGatewayEvents.httpApi("DELETE", "/orders")
                .header("Origin", ORIGIN).build(), TestLambdaContext.withRemainingTime(Duration.ofSeconds(10)).withFunctionName("order-api"));

        assertError(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(header(response, "Allow")).isEqualTo("POST, OPTIONS");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
