/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The peer of the order API example ({@code io.serverless4j.examples.orderapi.OrderApiHandler}): the same {@code POST /orders} (201 with the order JSON, 200 with the
 * stored answer on a repeat) on the Lambda Java runtime's own event path — aws-lambda-java-events 3.16.1
 * {@code APIGatewayV2HTTPEvent}/{@code APIGatewayV2HTTPResponse} read and written by aws-lambda-java-serialization
 * 1.4.1 — and Jackson for the body. Powertools for AWS Lambda (Java) idempotency would be the natural peer, but its
 * artifacts do not resolve from the package registry this project builds with, so the idempotency is done by hand
 * with the DynamoDB calls Powertools makes: a conditional PutItem of an {@code INPROGRESS} record, an UpdateItem to
 * {@code COMPLETED} with the response, a GetItem on a repeat. Validation is the example's, CORS is reduced to the
 * allowed-origin headers of a simple request. Only the cold path (a 201) is measured.
 */
public final class OrderApiPeer implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OrderApiPeer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_PREFIX = "order-api.create-order";
    private static final long EXPIRY_SECONDS = 24 * 3600;
    private static final long IN_PROGRESS_MILLIS = 30_000;

    private final DynamoDbClient dynamoDb;
    private final String ordersTable;
    private final String idempotencyTable;
    private final String allowedOrigin;

    /**
     * The handler with the given client and tables.
     *
     * @param dynamoDb the client for both tables
     * @param ordersTable the orders table (partition key {@code orderId})
     * @param idempotencyTable the idempotency table (partition key {@code id})
     * @param allowedOrigin the one origin CORS allows
     */
    public OrderApiPeer(DynamoDbClient dynamoDb, String ordersTable, String idempotencyTable, String allowedOrigin) {
        this.dynamoDb = dynamoDb;
        this.ordersTable = ordersTable;
        this.idempotencyTable = idempotencyTable;
        this.allowedOrigin = allowedOrigin;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        ClassLoader loader = OrderApiPeer.class.getClassLoader();
        PojoSerializer<APIGatewayV2HTTPEvent> in = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                loader);
        APIGatewayV2HTTPEvent request = in.fromJson(input);
        APIGatewayV2HTTPResponse response = handle(request, context);
        LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader).toJson(response, output);
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request, Context context) {
        String requestId = context.getAwsRequestId();
        Map<String, String> headers = lowerCase(request.getHeaders());
        String origin = headers.get("origin");
        String method = request.getRequestContext() == null || request.getRequestContext().getHttp() == null ? null
                : request.getRequestContext().getHttp().getMethod();
        if (!"POST".equals(method)) {
            return withCors(error(405, "METHOD_NOT_ALLOWED", method + " is not supported here; use POST", requestId),
                    origin);
        }
        String key = headers.get("idempotency-key");
        if (key == null || key.isBlank() || key.length() > 255) {
            return withCors(error(400, "IDEMPOTENCY_KEY_MISSING", "send a unique Idempotency-Key header",
                    requestId), origin);
        }
        CreateOrderRequest order;
        try {
            order = request.getBody() == null ? null : JSON.readValue(request.getBody(), CreateOrderRequest.class);
        } catch (JsonProcessingException e) {
            return withCors(error(422, "VALIDATION_FAILED", "the body is not a valid order: " + e.getOriginalMessage(),
                    requestId), origin);
        }
        if (order == null) {
            return withCors(error(422, "VALIDATION_FAILED", "the body must be a JSON order", requestId), origin);
        }
        List<String> problems = order.problems();
        if (!problems.isEmpty()) {
            return withCors(error(422, "VALIDATION_FAILED", String.join("; ", problems), requestId), origin);
        }
        return withCors(idempotent(key, order, requestId), origin);
    }

    private APIGatewayV2HTTPResponse idempotent(String key, CreateOrderRequest order, String requestId) {
        String id = KEY_PREFIX + "#" + sha256(key);
        String validation;
        try {
            validation = sha256(JSON.writeValueAsString(order));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        long now = System.currentTimeMillis();
        try {
            dynamoDb.putItem(b -> b.tableName(idempotencyTable)
                    .item(Map.of("id", AttributeValue.fromS(id),
                            "status", AttributeValue.fromS("INPROGRESS"),
                            "expiration", AttributeValue.fromN(Long.toString(now / 1000 + EXPIRY_SECONDS)),
                            "in_progress_expiration", AttributeValue.fromN(Long.toString(now + IN_PROGRESS_MILLIS)),
                            "validation", AttributeValue.fromS(validation)))
                    .conditionExpression("attribute_not_exists(id) OR expiration < :now OR "
                            + "(#status = :inprogress AND in_progress_expiration < :nowMillis)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now / 1000)),
                            ":nowMillis", AttributeValue.fromN(Long.toString(now)),
                            ":inprogress", AttributeValue.fromS("INPROGRESS"))));
        } catch (ConditionalCheckFailedException e) {
            return repeat(id, validation, requestId);
        }
        OrderCreated created;
        String data;
        try {
            created = store(order);
            data = JSON.writeValueAsString(created);
        } catch (RuntimeException | JsonProcessingException e) {
            dynamoDb.deleteItem(b -> b.tableName(idempotencyTable).key(Map.of("id", AttributeValue.fromS(id))));
            LOG.error("order failed: requestId={}", requestId, e);
            return error(500, "INTERNAL_ERROR", "the order could not be stored; retry with the same Idempotency-Key",
                    requestId);
        }
        dynamoDb.updateItem(b -> b.tableName(idempotencyTable)
                .key(Map.of("id", AttributeValue.fromS(id)))
                .updateExpression("SET #status = :completed, #data = :data")
                .expressionAttributeNames(Map.of("#status", "status", "#data", "data"))
                .expressionAttributeValues(Map.of(":completed", AttributeValue.fromS("COMPLETED"),
                        ":data", AttributeValue.fromS(data))));
        LOG.info("order created: orderId={} requestId={}", created.orderId(), requestId);
        return response(201, data, "/orders/" + created.orderId());
    }

    private APIGatewayV2HTTPResponse repeat(String id, String validation, String requestId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(idempotencyTable)
                .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !"COMPLETED".equals(item.get("status").s())) {
            return error(409, "IDEMPOTENCY_KEY_IN_PROGRESS", "a request with this Idempotency-Key is still being "
                    + "processed; retry it later with the same key", requestId);
        }
        if (!validation.equals(item.get("validation").s())) {
            return error(409, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different order",
                    requestId);
        }
        String data = item.get("data").s();
        try {
            String orderId = JSON.readTree(data).get("orderId").asText();
            return response(200, data, "/orders/" + orderId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private OrderCreated store(CreateOrderRequest order) {
        OrderCreated created = new OrderCreated(UUID.randomUUID().toString(), order.customerId(), order.items(),
                "PENDING", Instant.now().toString());
        List<AttributeValue> items = created.items().stream()
                .map(i -> AttributeValue.fromM(Map.of("sku", AttributeValue.fromS(i.sku()),
                        "quantity", AttributeValue.fromN(Integer.toString(i.quantity())))))
                .toList();
        dynamoDb.putItem(b -> b.tableName(ordersTable)
                .item(Map.of("orderId", AttributeValue.fromS(created.orderId()),
                        "customerId", AttributeValue.fromS(created.customerId()),
                        "items", AttributeValue.fromL(items),
                        "status", AttributeValue.fromS(created.status()),
                        "createdAt", AttributeValue.fromS(created.createdAt())))
                .conditionExpression("attribute_not_exists(orderId)"));
        return created;
    }

    private static APIGatewayV2HTTPResponse response(int status, String body, String location) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Location", location);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body)
                .withIsBase64Encoded(false).build();
    }

    private static APIGatewayV2HTTPResponse error(int status, String code, String message, String requestId) {
        Map<String, Object> error = Map.of("error", Map.of("code", code, "message", message, "requestId", requestId));
        try {
            Map<String, String> headers = new HashMap<>();
            headers.put("Content-Type", "application/json");
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                    .withBody(JSON.writeValueAsString(error)).withIsBase64Encoded(false).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private APIGatewayV2HTTPResponse withCors(APIGatewayV2HTTPResponse response, String origin) {
        if (origin != null && origin.equals(allowedOrigin)) {
            response.getHeaders().put("Access-Control-Allow-Origin", origin);
            response.getHeaders().put("Vary", "Origin");
        }
        return response;
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), value));
        }
        return lower;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
