/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.orderapi;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.events.EventHandler;
import io.serverless4j.events.EventParseException;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpResponse;
import io.serverless4j.events.apigateway.CorsPolicy;
import io.serverless4j.idempotency.DynamoDbIdempotencyStore;
import io.serverless4j.idempotency.Idempotency;
import io.serverless4j.idempotency.IdempotencyInProgressException;
import io.serverless4j.idempotency.IdempotencyOutcome;
import io.serverless4j.idempotency.IdempotencyPayloadMismatchException;
import io.serverless4j.idempotency.IdempotencyStoreException;
import io.serverless4j.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@code POST /orders} behind an API Gateway HTTP API: validates the order, stores it in DynamoDB once per
 * {@code Idempotency-Key}, and answers with CORS headers and the standard error shape
 * {@code {"error":{"code","message","requestId"}}}.
 *
 * <table>
 * <caption>Answers</caption>
 * <tr><th>status</th><th>code</th><th>when</th></tr>
 * <tr><td>201</td><td></td><td>the order was stored; {@code Location: /orders/<id>}</td></tr>
 * <tr><td>200</td><td></td><td>a repeat of a completed request: the stored answer, same body, nothing stored</td></tr>
 * <tr><td>204/403</td><td></td><td>{@code OPTIONS} preflight from an allowed / a foreign origin</td></tr>
 * <tr><td>400</td><td>IDEMPOTENCY_KEY_MISSING</td><td>no {@code Idempotency-Key} header (or longer than 255)</td></tr>
 * <tr><td>405</td><td>METHOD_NOT_ALLOWED</td><td>anything but {@code POST} and {@code OPTIONS}</td></tr>
 * <tr><td>409</td><td>IDEMPOTENCY_KEY_IN_PROGRESS</td><td>the same key is being processed right now; retry
 *     after {@code Retry-After} seconds</td></tr>
 * <tr><td>409</td><td>IDEMPOTENCY_KEY_REUSED</td><td>the key was used before with another body</td></tr>
 * <tr><td>422</td><td>VALIDATION_FAILED</td><td>the body is not JSON, or fields are missing or invalid</td></tr>
 * <tr><td>503</td><td>SERVICE_UNAVAILABLE</td><td>the idempotency table could not be reached in time (the message says
 *     whether the order was stored)</td></tr>
 * </table>
 *
 * <p>Environment: {@code ORDERS_TABLE}, {@code IDEMPOTENCY_TABLE}, {@code ALLOWED_ORIGINS} (comma-separated).
 * The SDK client and the configured objects are built once per execution environment (static final fields in
 * {@link FromEnvironment}); tests use the package-private constructor, which takes the client. Thread-safe.
 */
public final class OrderApiHandler extends EventHandler<ApiGatewayV2HttpEvent, ApiGatewayV2HttpResponse> {

    /** The request header that carries the client's idempotency key (matched in any case). */
    static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** Names this use of the idempotency table. */
    static final String KEY_PREFIX = "order-api.create-order";

    private static final Logger LOG = LoggerFactory.getLogger(OrderApiHandler.class);
    private static final RetryPolicy RETRY = RetryPolicy.defaults();
    private static final int MAX_KEY_LENGTH = 255;

    /** What the Lambda runtime uses: built on the first invocation, once per execution environment. */
    private static final class FromEnvironment {
        static final DynamoDbClient DYNAMO_DB = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        static final OrderApiHandler HANDLER = new OrderApiHandler(DYNAMO_DB, requiredEnv("ORDERS_TABLE"),
                requiredEnv("IDEMPOTENCY_TABLE"), corsPolicy(requiredEnv("ALLOWED_ORIGINS").split(",")));

        static {
            // SnapStart or a warm-up would snapshot this: loads hashing, Jackson and the table schema, calls nothing.
            HANDLER.prime();
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String ordersTable;
    private final Idempotency idempotency;
    private final CorsPolicy cors;
    private final Clock clock;

    /** The constructor the Lambda runtime calls: configuration from the environment. */
    public OrderApiHandler() {
        this(FromEnvironment.HANDLER);
    }

    private OrderApiHandler(OrderApiHandler configured) {
        this(configured.dynamoDb, configured.ordersTable, configured.idempotency, configured.cors, configured.clock);
    }

    /**
     * For tests and the local demo: the handler with the given client and tables.
     *
     * @param dynamoDb the client for both tables
     * @param ordersTable the orders table (partition key {@code orderId})
     * @param idempotencyTable the idempotency table (partition key {@code id})
     * @param cors the CORS policy
     */
    public OrderApiHandler(DynamoDbClient dynamoDb, String ordersTable, String idempotencyTable, CorsPolicy cors) {
        this(dynamoDb, ordersTable, idempotency(dynamoDb, idempotencyTable), cors, Clock.systemUTC());
    }

    private OrderApiHandler(DynamoDbClient dynamoDb, String ordersTable, Idempotency idempotency, CorsPolicy cors,
            Clock clock) {
        super(ApiGatewayV2HttpEvent.class);
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.ordersTable = Objects.requireNonNull(ordersTable, "ordersTable");
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
        this.cors = Objects.requireNonNull(cors, "cors");
        this.clock = clock;
    }

    /**
     * The idempotency configuration of this API: 24 hours to repeat a request, the whole validated body must match.
     *
     * @param dynamoDb the client
     * @param table the idempotency table
     * @return the configured object
     */
    static Idempotency idempotency(DynamoDbClient dynamoDb, String table) {
        return Idempotency.builder()
                .store(DynamoDbIdempotencyStore.builder().dynamoDbClient(dynamoDb).tableName(table).build())
                .keyPrefix(KEY_PREFIX)
                .expiry(Duration.ofHours(24))
                .build();
    }

    /**
     * Loads and warms the idempotency path (hashing, Jackson, the table schema) without calling any table: what the
     * runtime's initialisation does once per execution environment, and what a SnapStart/CRaC
     * {@code beforeCheckpoint} hook would call.
     */
    public void prime() {
        idempotency.prime();
    }

    /**
     * The CORS policy: the given origins, {@code POST}, and the headers a browser client sends.
     *
     * @param allowedOrigins e.g. {@code https://shop.example.com}
     * @return the policy
     */
    public static CorsPolicy corsPolicy(String... allowedOrigins) {
        return CorsPolicy.builder()
                .allowedOrigins(allowedOrigins)
                .allowedMethods("POST", "OPTIONS")
                .allowedHeaders("content-type", "idempotency-key")
                .maxAge(Duration.ofHours(1))
                .build();
    }

    @Override
    protected ApiGatewayV2HttpResponse handle(ApiGatewayV2HttpEvent request, Context context) {
        String origin = request.header("origin");
        if ("OPTIONS".equals(request.method())) {
            return ApiGatewayV2HttpResponse.preflight(cors, origin);
        }
        return answer(request, context).withCors(cors, origin);
    }

    private ApiGatewayV2HttpResponse answer(ApiGatewayV2HttpEvent request, Context context) {
        String requestId = context.getAwsRequestId();
        if (!"POST".equals(request.method())) {
            return ApiGatewayV2HttpResponse.error(405, "METHOD_NOT_ALLOWED",
                    request.method() + " is not supported here; use POST", requestId).withHeader("Allow", "POST, OPTIONS");
        }
        String key = request.header(IDEMPOTENCY_KEY_HEADER);
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return ApiGatewayV2HttpResponse.error(400, "IDEMPOTENCY_KEY_MISSING", "send a unique Idempotency-Key "
                    + "header (1 to " + MAX_KEY_LENGTH + " characters, e.g. a UUID) with every new order, and the "
                    + "same one when you retry it", requestId);
        }
        CreateOrderRequest order;
        try {
            order = request.body() == null ? null : request.body(CreateOrderRequest.class);
        } catch (EventParseException e) {
            return validationFailed("the body is not a valid order: " + e.getMessage(), requestId);
        }
        if (order == null) {
            return validationFailed("the body must be a JSON order: {\"customerId\":...,\"items\":[{\"sku\":...,"
                    + "\"quantity\":...}]}", requestId);
        }
        List<String> problems = order.problems();
        if (!problems.isEmpty()) {
            return validationFailed(String.join("; ", problems), requestId);
        }

        try {
            IdempotencyOutcome<OrderCreated> outcome = idempotency.executeWithOutcome(key, order, context,
                    OrderCreated.class, () -> store(order, context));
            OrderCreated created = outcome.value();
            String location = "/orders/" + created.orderId();
            if (!outcome.replayed()) {
                LOG.info("order created: orderId={} requestId={}", created.orderId(), requestId);
                return ApiGatewayV2HttpResponse.created(location, created);
            }
            LOG.info("order repeated: orderId={} requestId={}", created.orderId(), requestId);
            return ApiGatewayV2HttpResponse.ok(created).withHeader("Location", location);
        } catch (IdempotencyInProgressException e) {
            long retryAfter = Math.max(1, Duration.between(clock.instant(), e.inProgressUntil()).toSeconds());
            return ApiGatewayV2HttpResponse.error(409, "IDEMPOTENCY_KEY_IN_PROGRESS", "a request with this "
                    + "Idempotency-Key is still being processed; retry it later with the same key", requestId)
                    .withHeader("Retry-After", Long.toString(Math.min(retryAfter, 30)));
        } catch (IdempotencyPayloadMismatchException e) {
            return ApiGatewayV2HttpResponse.error(409, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used "
                    + "for a different order; use a new key for a new order", requestId);
        } catch (IdempotencyStoreException e) {
            // workRan(): the order was stored but its answer could not be recorded; the key stays locked until this
            // invocation's deadline, after which a retry with the same key stores the order again (at least once).
            LOG.error("idempotency store unavailable: requestId={} orderStored={}", requestId, e.workRan(), e);
            return ApiGatewayV2HttpResponse.error(503, "SERVICE_UNAVAILABLE", "the order service is unavailable; "
                    + (e.workRan() ? "the order may have been stored" : "nothing was stored")
                    + ", retry later with the same Idempotency-Key", requestId)
                    .withHeader("Retry-After", "1");
        } catch (RuntimeException e) {
            LOG.error("order failed: requestId={}", requestId, e);
            return ApiGatewayV2HttpResponse.error(500, "INTERNAL_ERROR", "the order could not be stored; retry "
                    + "with the same Idempotency-Key", requestId);
        }
    }

    private static ApiGatewayV2HttpResponse validationFailed(String message, String requestId) {
        return ApiGatewayV2HttpResponse.error(422, "VALIDATION_FAILED", message, requestId);
    }

    private OrderCreated store(CreateOrderRequest order, Context context) {
        OrderCreated created = new OrderCreated(UUID.randomUUID().toString(), order.customerId(), order.items(),
                "PENDING", Instant.now(clock).toString());
        List<AttributeValue> items = created.items().stream()
                .map(i -> AttributeValue.fromM(Map.of("sku", AttributeValue.fromS(i.sku()),
                        "quantity", AttributeValue.fromN(Integer.toString(i.quantity())))))
                .toList();
        Map<String, AttributeValue> item = Map.of("orderId", AttributeValue.fromS(created.orderId()),
                "customerId", AttributeValue.fromS(created.customerId()),
                "items", AttributeValue.fromL(items),
                "status", AttributeValue.fromS(created.status()),
                "createdAt", AttributeValue.fromS(created.createdAt()));
        // Through the retry policy like every serverless4j call: bounded by this invocation's deadline.
        RETRY.call("DynamoDB PutItem", context, attempt -> {
            try {
                return dynamoDb.putItem(b -> b.tableName(ordersTable).item(item)
                        .conditionExpression("attribute_not_exists(orderId)")
                        .overrideConfiguration(attempt.overrideConfiguration()));
            } catch (ConditionalCheckFailedException alreadyThere) {
                if (attempt.number() > 1) {
                    return null; // an earlier attempt of ours was applied but its answer was lost
                }
                throw alreadyThere;
            }
        });
        return created;
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the SAM template sets it");
        }
        return value;
    }
}
