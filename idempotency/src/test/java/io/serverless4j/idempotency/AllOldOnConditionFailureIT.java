/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.LocalEndpoint;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The path that real DynamoDB takes and dynalite cannot: a refused conditional PutItem that carries the stored
 * item ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}), so a repeat costs one call. A WireMock stub answers
 * PutItem exactly as DynamoDB does (JSON 1.0 error body with {@code __type} and {@code Item}, header
 * {@code x-amzn-ErrorType}); any other operation is unstubbed and would fail the test.
 */
class AllOldOnConditionFailureIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Order(String orderId, int amount) {}

    record Receipt(String orderId, int charged) {}

    private final CallRecorder calls = new CallRecorder();
    private final AtomicInteger executions = new AtomicInteger();
    private WireMockServer dynamoDbStub;
    private DynamoDbClient dynamoDb;
    private Idempotency idempotency;

    @BeforeEach
    void startStub() {
        dynamoDbStub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        dynamoDbStub.start();
        LocalEndpoint stub = () -> URI.create("http://127.0.0.1:" + dynamoDbStub.port());
        dynamoDb = stub.configure(DynamoDbClient.builder(), calls).build();
        idempotency = Idempotency.builder()
                .store(DynamoDbIdempotencyStore.builder().dynamoDbClient(dynamoDb).tableName("idempotency").build())
                .keyPrefix("orders")
                .build();
    }

    @AfterEach
    void stopStub() {
        dynamoDb.close();
        dynamoDbStub.stop();
    }

    private void answerPutItemWithConditionFailureCarrying(ObjectNode item) {
        ObjectNode body = JSON.createObjectNode()
                .put("__type", "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException")
                .put("message", "The conditional request failed");
        body.set("Item", item);
        dynamoDbStub.stubFor(post(anyUrl())
                .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.PutItem"))
                .willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withHeader("x-amzn-ErrorType", "ConditionalCheckFailedException")
                        .withBody(body.toString())));
    }

    private ObjectNode storedItem(String status, Order order) {
        ObjectNode item = JSON.createObjectNode();
        item.putObject("id").put("S", idempotency.hashedKey(order.orderId()));
        item.putObject("status").put("S", status);
        item.putObject("expiration").put("N", Long.toString(Instant.now().plus(Duration.ofHours(1)).getEpochSecond()));
        item.putObject("payloadHash").put("S", PayloadValidation.wholePayload().hash(order, JSON));
        return item;
    }

    private Receipt charge(Order order) {
        return idempotency.execute(order.orderId(), order, null, Receipt.class, () -> {
            executions.incrementAndGet();
            return new Receipt(order.orderId(), order.amount());
        });
    }

    @Test
    void aRepeatCostsOneCallWhenTheRefusalCarriesTheStoredResult() {
        Order order = new Order("o-1", 42);
        ObjectNode item = storedItem("COMPLETED", order);
        item.putObject("data").put("S", "{\"orderId\":\"o-1\",\"charged\":42}");
        answerPutItemWithConditionFailureCarrying(item);

        Receipt receipt = charge(order);

        assertThat(receipt).isEqualTo(new Receipt("o-1", 42));
        assertThat(executions).hasValue(0);
        assertThat(calls.calls()).extracting(CallRecorder.Call::operation).containsExactly("PutItem");
        assertThat(calls.attempts("PutItem")).as("a condition failure is not retried").isEqualTo(1);
        dynamoDbStub.verify(1, postRequestedFor(anyUrl())
                .withRequestBody(containing("\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\""))
                .withRequestBody(containing("attribute_not_exists(#pk) OR #expiration < :now OR (#status = "
                        + ":inProgress AND #inProgressExpiration < :nowMillis)")));
    }

    @Test
    void aConcurrentDuplicateCostsOneCallAndGetsTheTypedError() {
        Order order = new Order("o-1", 42);
        ObjectNode item = storedItem("IN_PROGRESS", order);
        Instant lockedUntil = Instant.now().plus(Duration.ofMinutes(3));
        item.putObject("inProgressExpiration").put("N", Long.toString(lockedUntil.toEpochMilli()));
        answerPutItemWithConditionFailureCarrying(item);

        assertThatThrownBy(() -> charge(order))
                .isInstanceOfSatisfying(IdempotencyInProgressException.class, e -> assertThat(e.inProgressUntil())
                        .isEqualTo(Instant.ofEpochMilli(lockedUntil.toEpochMilli())));
        assertThat(executions).hasValue(0);
        assertThat(calls.totalCalls()).isEqualTo(1);
    }

    @Test
    void aReusedKeyWithAnotherPayloadIsRejectedFromTheReturnedItemAlone() {
        Order original = new Order("o-1", 42);
        ObjectNode item = storedItem("COMPLETED", original);
        item.putObject("data").put("S", "{\"orderId\":\"o-1\",\"charged\":42}");
        answerPutItemWithConditionFailureCarrying(item);

        assertThatThrownBy(() -> charge(new Order("o-1", 99))).isInstanceOf(IdempotencyPayloadMismatchException.class);
        assertThat(calls.totalCalls()).isEqualTo(1);
    }
}
