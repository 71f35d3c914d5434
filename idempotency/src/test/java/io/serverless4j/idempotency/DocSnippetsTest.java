/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every code snippet in docs/idempotency.md and idempotency/README.md, compiled, and run where it needs no AWS
 * account. Each snippet sits between {@code tag::name[]} and {@code end::name[]} comments; the docs name the tag.
 */
class DocSnippetsTest {

    record Order(String orderId, int amount) {}

    record Receipt(String orderId, int charged) {}

    static Receipt charge(Order order) {
        return new Receipt(order.orderId(), order.amount());
    }

    // tag::handler[]
    public static final class OrderHandler implements RequestHandler<Order, Receipt> {
        // Built once per execution environment; the HTTP client is your choice.
        private static final DynamoDbClient DYNAMO_DB = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        private static final Idempotency IDEMPOTENCY = Idempotency.builder()
                .store(DynamoDbIdempotencyStore.builder().dynamoDbClient(DYNAMO_DB).tableName("idempotency").build())
                .keyPrefix("orders-api.charge")
                .expiry(Duration.ofHours(1))
                .build();

        @Override
        public Receipt handleRequest(Order order, Context context) {
            return IDEMPOTENCY.execute(order.orderId(), order, context, Receipt.class, () -> charge(order));
        }
    }
    // end::handler[]

    @Test
    void everySnippetInTheDocsIsExactlyTheCompiledCode() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/serverless4j/idempotency/DocSnippetsTest.java"));
        String guide = Files.readString(Path.of("../docs/idempotency.md"));
        String readme = Files.readString(Path.of("README.md"));
        Matcher tagged = Pattern.compile("// tag::([a-z-]+)\\[]\n(.*?)\n[ ]*// end::\\1\\[]", Pattern.DOTALL)
                .matcher(source);
        Map<String, String> snippets = new java.util.LinkedHashMap<>();
        while (tagged.find()) {
            snippets.put(tagged.group(1), dedent(tagged.group(2)));
        }

        assertThat(snippets).containsOnlyKeys("handler", "unit-test", "decorate", "sqs-batch", "priming",
                "create-table", "sort-key");
        snippets.forEach((tag, code) -> assertThat(guide).as("docs/idempotency.md, tag %s", tag).contains(code));
        assertThat(readme).as("idempotency/README.md, tag handler").contains(snippets.get("handler"));
    }

    private static String dedent(String code) {
        List<String> lines = code.lines().toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
    }

    @Test
    void unitTestWithTheInMemoryStore() {
        // tag::unit-test[]
        Idempotency idempotency = Idempotency.builder()
                .store(new InMemoryIdempotencyStore())
                .keyPrefix("orders-api.charge")
                .build();
        AtomicInteger charges = new AtomicInteger();
        Order order = new Order("o-1", 42);

        for (int delivery = 0; delivery < 3; delivery++) {
            idempotency.execute(order.orderId(), order, null, Receipt.class, () -> {
                charges.incrementAndGet();
                return charge(order);
            });
        }
        assertThat(charges).hasValue(1);
        // end::unit-test[]
    }

    @Test
    void decoratedApiHandlerWithAJsonPointerKey() throws Exception {
        // tag::decorate[]
        Idempotency idempotency = Idempotency.builder()
                .store(new InMemoryIdempotencyStore())
                .keyPrefix("orders-api.create")
                // The event carries per-request fields; only the body must match on a retry.
                .payloadValidation(PayloadValidation.jsonPointer("/body"))
                .build();
        // An API Gateway event as a JsonNode; its body is a JSON string, and the pointer reads into it.
        IdempotentFunction<JsonNode, Map<String, Object>> createOrder = idempotency.decorate(
                KeyExtractor.jsonPointer("/body/orderId"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {},
                event -> Map.of("statusCode", 201, "body", "{\"created\":true}"));
        // end::decorate[]

        JsonNode event = new ObjectMapper().readTree(
                "{\"requestContext\":{\"requestId\":\"r1\"},\"body\":\"{\\\"orderId\\\":\\\"o-1\\\"}\"}");
        assertThat(createOrder.apply(event, null)).containsEntry("statusCode", 201);
        assertThat(createOrder.apply(event)).containsEntry("statusCode", 201);
    }

    // tag::sqs-batch[]
    /** Processes an SQS batch with per-record idempotency and reports partial batch failures. */
    static Map<String, Object> handleSqsBatch(Idempotency idempotency, JsonNode sqsEvent, Context context) {
        List<Map<String, String>> failures = new ArrayList<>();
        for (JsonNode record : sqsEvent.get("Records")) {
            String messageId = record.get("messageId").asText();
            JsonNode body = record.get("body");
            try {
                // Key: a business key from the body (or the original message id a DLQ replay preserves).
                // Payload: the body only, not the record, whose receipt handle changes on every delivery.
                idempotency.execute(orderIdOf(body), body, context, Receipt.class, () -> process(body));
            } catch (IdempotencyInProgressException stillRunningElsewhere) {
                failures.add(Map.of("itemIdentifier", messageId)); // redelivered after the visibility timeout
            } catch (RuntimeException failed) {
                failures.add(Map.of("itemIdentifier", messageId));
            }
        }
        return Map.of("batchItemFailures", failures);
    }
    // end::sqs-batch[]

    static String orderIdOf(JsonNode body) {
        try {
            return new ObjectMapper().readTree(body.asText()).path("orderId").asText(null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    static final AtomicInteger PROCESSED = new AtomicInteger();

    static Receipt process(JsonNode body) {
        PROCESSED.incrementAndGet();
        return new Receipt(orderIdOf(body), 1);
    }

    @Test
    void sqsBatchWithPerRecordIdempotency() throws Exception {
        Idempotency idempotency = Idempotency.builder().store(new InMemoryIdempotencyStore())
                .keyPrefix("orders-worker").build();
        JsonNode batch = new ObjectMapper().readTree("{\"Records\":["
                + "{\"messageId\":\"m1\",\"body\":\"{\\\"orderId\\\":\\\"o-1\\\"}\"},"
                + "{\"messageId\":\"m2\",\"body\":\"{\\\"orderId\\\":\\\"o-1\\\"}\"},"
                + "{\"messageId\":\"m3\",\"body\":\"{\\\"amount\\\":1}\"}]}");
        PROCESSED.set(0);

        Map<String, Object> response = handleSqsBatch(idempotency, batch, null);

        assertThat(PROCESSED).as("m2 repeats m1's order").hasValue(1);
        assertThat(response.get("batchItemFailures")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactly(Map.of("itemIdentifier", "m3"));
    }

    // tag::priming[]
    public static final class PrimedHandler implements RequestHandler<Order, Receipt> {
        private static final Idempotency IDEMPOTENCY = Idempotency.builder()
                .store(new InMemoryIdempotencyStore()) // a DynamoDbIdempotencyStore in production
                .keyPrefix("orders-api.charge")
                .build();

        static {
            // Runs during SnapStart's snapshot (or from a CRaC beforeCheckpoint hook): loads and warms the hashing,
            // Jackson and the table schema with a sample; calls no table, so nothing is written.
            IDEMPOTENCY.prime(new Order("sample", 1), new Receipt("sample", 1));
        }

        @Override
        public Receipt handleRequest(Order order, Context context) {
            return IDEMPOTENCY.execute(order.orderId(), order, context, Receipt.class, () -> charge(order));
        }
    }
    // end::priming[]

    @Test
    void primedHandlerRuns() {
        assertThat(new PrimedHandler().handleRequest(new Order("o-1", 3), null)).isEqualTo(new Receipt("o-1", 3));
    }

    static void createTableForDevelopment(DynamoDbClient dynamoDb) {
        // tag::create-table[]
        DynamoDbIdempotencyStore store = DynamoDbIdempotencyStore.builder()
                .dynamoDbClient(dynamoDb)
                .tableName("idempotency")
                .build();
        store.createTableIfNotExists(); // PAY_PER_REQUEST, TTL on "expiration"; for development and tests
        // end::create-table[]
    }

    static DynamoDbIdempotencyStore sharedTableLayout(DynamoDbClient dynamoDb) {
        // tag::sort-key[]
        return DynamoDbIdempotencyStore.builder()
                .dynamoDbClient(dynamoDb)
                .tableName("app-table")
                .partitionKeyAttribute("pk")
                .sortKeyAttribute("sk")
                .partitionKeyValue("IDEMPOTENCY")
                .expirationAttribute("ttl")
                .build();
        // end::sort-key[]
    }
}
