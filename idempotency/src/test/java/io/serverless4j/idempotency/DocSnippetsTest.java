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
import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.Events;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.idempotency.spi.IdempotencyStore;
import io.serverless4j.retry.RetryPolicy;
import io.serverless4j.testing.events.SqsEvents;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every Java snippet in docs/idempotency.md and idempotency/README.md, compiled, and run where it needs no AWS
 * account. Each snippet sits between {@code tag::name[]} and {@code end::name[]} comments; in the Markdown, the line
 * before each {@code ```java} fence is {@code <!-- snippet: <path>#<tag> -->} and the fence holds exactly the
 * dedented tagged region. The guide's guarantee table names the tests that pin each row: they must exist.
 */
class DocSnippetsTest {

    private static final String SOURCE = "idempotency/src/test/java/io/serverless4j/idempotency/DocSnippetsTest.java";

    record Order(String orderId, int amount) {}

    record Receipt(String orderId, int charged) {}

    static final AtomicInteger CHARGES = new AtomicInteger();

    static Receipt charge(Order order) {
        CHARGES.incrementAndGet();
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
    void theGuideShowsEverySnippetOfThisClass() throws IOException {
        Map<String, String> snippets = taggedRegions();
        assertThat(snippets).containsOnlyKeys("handler", "outcome", "checked-work", "unit-test", "decorate",
                "sqs-handler", "object-mapper", "store-retry-policy", "priming", "create-table", "sort-key");
        // The checks module's DocSnippetsTest compares each marked snippet with its region; here: none is left out.
        String guide = Files.readString(root().resolve("docs/idempotency.md"));
        String readme = Files.readString(root().resolve("idempotency/README.md"));
        for (String tag : snippets.keySet()) {
            assertThat(guide).as("docs/idempotency.md shows tag %s", tag).contains(marker(tag));
        }
        assertThat(readme).contains(marker("handler"));
    }

    private static String marker(String tag) {
        return "<!-- snippet: " + SOURCE + "#" + tag + " -->";
    }

    @Test
    void everyTestTheGuaranteeTableNamesExists() throws Exception {
        String guide = Files.readString(root().resolve("docs/idempotency.md"));
        String table = guide.substring(guide.indexOf("## Guarantees"), guide.indexOf("## Nothing half-written"));
        Matcher reference = Pattern.compile("`([A-Z][A-Za-z]+(?:Test|IT))\\.([a-z][A-Za-z]+)`").matcher(table);
        int references = 0;
        while (reference.find()) {
            references++;
            Class<?> test = testClass(reference.group(1));
            String method = reference.group(2);
            assertThat(Arrays.stream(test.getDeclaredMethods()).map(Method::getName))
                    .as("%s.%s, named in the guarantee table", reference.group(1), method).contains(method);
        }
        assertThat(references).isGreaterThanOrEqualTo(20);
    }

    private static Class<?> testClass(String simpleName) throws ClassNotFoundException {
        try {
            return Class.forName("io.serverless4j.idempotency." + simpleName);
        } catch (ClassNotFoundException notHere) {
            return Class.forName("io.serverless4j.idempotency.internal." + simpleName);
        }
    }

    private static Path root() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    private static Map<String, String> taggedRegions() throws IOException {
        String source = Files.readString(root().resolve(SOURCE));
        Matcher tagged = Pattern.compile("// tag::([a-z-]+)\\[]\n(.*?)\n[ ]*// end::\\1\\[]", Pattern.DOTALL)
                .matcher(source);
        Map<String, String> snippets = new LinkedHashMap<>();
        while (tagged.find()) {
            snippets.put(tagged.group(1), tagged.group(2));
        }
        return snippets;
    }

    /** An HTTP answer, as an API handler would build it. */
    record Response(int statusCode, Map<String, String> headers, Receipt body) {}

    // tag::outcome[]
    static Response createOrder(Idempotency idempotency, String idempotencyKey, Order order, Context context) {
        IdempotencyOutcome<Receipt> outcome = idempotency.executeWithOutcome(idempotencyKey, order, context,
                Receipt.class, () -> charge(order));
        return outcome.replayed()
                ? new Response(200, Map.of("Idempotent-Replayed", "true"), outcome.value())
                : new Response(201, Map.of(), outcome.value());
    }
    // end::outcome[]

    @Test
    void aRepeatedRequestIsAnsweredWith200AndTheReplayedHeader() {
        Idempotency idempotency = Idempotency.builder().store(new InMemoryIdempotencyStore())
                .keyPrefix("orders-api.create").build();
        Order order = new Order("o-1", 42);

        assertThat(createOrder(idempotency, "key-1", order, null).statusCode()).isEqualTo(201);
        Response repeat = createOrder(idempotency, "key-1", order, null);
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(repeat.body()).isEqualTo(new Receipt("o-1", 42));
    }

    /** A declined payment, a checked exception of the user's own. */
    static final class PaymentDeclinedException extends Exception {
        private static final long serialVersionUID = 1L;

        PaymentDeclinedException(String message) {
            super(message);
        }
    }

    /** The user's payment client; its calls throw a checked exception. */
    interface PaymentGateway {
        Receipt charge(Order order) throws PaymentDeclinedException;
    }

    static String pay(Idempotency idempotency, PaymentGateway gateway, Order order, Context context) {
        // tag::checked-work[]
        try {
            Receipt receipt = idempotency.execute(order.orderId(), order, context, Receipt.class,
                    () -> gateway.charge(order));
            return "charged " + receipt.charged();
        } catch (PaymentDeclinedException declined) {
            // The work's own exception, with its own type: no wrapper to unwrap. The key was released.
            return "declined: " + declined.getMessage();
        }
        // end::checked-work[]
    }

    @Test
    void aCheckedExceptionOfTheWorkIsCaughtWithItsOwnType() {
        Idempotency idempotency = Idempotency.builder().store(new InMemoryIdempotencyStore())
                .keyPrefix("orders-api.charge").build();
        Order order = new Order("o-1", 42);

        assertThat(pay(idempotency, o -> {
            throw new PaymentDeclinedException("insufficient funds");
        }, order, null)).isEqualTo("declined: insufficient funds");
        assertThat(pay(idempotency, o -> new Receipt(o.orderId(), o.amount()), order, null)).isEqualTo("charged 42");
    }

    @Test
    void unitTestWithTheInMemoryStore() {
        CHARGES.set(0);
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

    static final List<String> PROCESSED = new ArrayList<>();

    static void process(String body) throws IOException {
        if (body.contains("\"broken\"")) {
            throw new IOException("downstream refused the order");
        }
        PROCESSED.add(body);
    }

    // tag::sqs-handler[]
    public static final class OrderWorker implements RequestHandler<SqsEvent, BatchResponse> {
        private static final Idempotency IDEMPOTENCY = Idempotency.builder()
                .store(new InMemoryIdempotencyStore()) // a DynamoDbIdempotencyStore in production
                .keyPrefix("orders-worker")
                .build();

        @Override
        public BatchResponse handleRequest(SqsEvent event, Context context) {
            List<String> failed = new ArrayList<>();
            for (SqsMessage message : event.records()) {
                try {
                    // Keyed on message.originalMessageId(), which a DLQ replay keeps; the body is the payload.
                    IDEMPOTENCY.oncePerMessage(message, context, () -> process(message.body()));
                } catch (Exception e) {
                    failed.add(message.messageId()); // SQS delivers it again; after maxReceiveCount, the DLQ
                }
            }
            return BatchResponse.failed(failed);
        }
    }
    // end::sqs-handler[]

    @Test
    void theSqsWorkerProcessesAMessageReplayedFromTheDlqOnceAndFailsOnlyTheBrokenOne() {
        PROCESSED.clear();
        SqsMessage first = SqsEvents.message("{\"orderId\":\"o-1\"}", Map.of());
        SqsMessage replay = SqsEvents.message("{\"orderId\":\"o-1\"}",
                Map.of(SqsMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE, first.messageId()));
        SqsMessage broken = SqsEvents.message("{\"orderId\":\"broken\"}", Map.of());
        OrderWorker worker = new OrderWorker();

        BatchResponse response = worker.handleRequest(new SqsEvent(List.of(first, broken)), null);
        BatchResponse replayed = worker.handleRequest(new SqsEvent(List.of(replay)), null);

        assertThat(PROCESSED).containsExactly("{\"orderId\":\"o-1\"}");
        assertThat(response.batchItemFailures()).extracting(BatchResponse.ItemFailure::itemIdentifier)
                .containsExactly(broken.messageId());
        assertThat(replayed.batchItemFailures()).isEmpty();
    }

    record Payment(String orderId, Instant paidAt, String note) {}

    static Idempotency withTheEventsJsonSettings(IdempotencyStore store) {
        // tag::object-mapper[]
        return Idempotency.builder()
                .store(store)
                .keyPrefix("payments")
                // Results as the events module writes JSON: ISO-8601 Instants, no null fields, unknown fields ignored.
                .objectMapper(Events.objectMapper())
                .build();
        // end::object-mapper[]
    }

    @Test
    void theEventsJsonSettingsStoreAnInstantResultAsIsoWithoutNulls() {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
        Idempotency idempotency = withTheEventsJsonSettings(store);
        idempotency.execute("p-1", "p", null, Payment.class,
                () -> new Payment("p-1", Instant.parse("2026-11-25T12:00:00Z"), null));

        assertThat(store.record(idempotency.hashedKey("p-1")).orElseThrow().data())
                .isEqualTo("{\"orderId\":\"p-1\",\"paidAt\":\"2026-11-25T12:00:00Z\"}");
    }

    static DynamoDbIdempotencyStore storeWithItsOwnRetryPolicy(DynamoDbClient dynamoDb) {
        // tag::store-retry-policy[]
        return DynamoDbIdempotencyStore.builder()
                .dynamoDbClient(dynamoDb)
                .tableName("idempotency")
                // Up to 5 attempts, 1 s kept free before the Lambda deadline; no attempt or wait runs past it.
                .retryPolicy(RetryPolicy.builder().maxAttempts(5).safetyMargin(Duration.ofSeconds(1)).build())
                .build();
        // end::store-retry-policy[]
    }

    @Test
    void theStoresRetryPolicyIsItsOwn() {
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1).build()) {
            DynamoDbIdempotencyStore store = storeWithItsOwnRetryPolicy(dynamoDb);
            assertThat(store.toString()).contains("maxAttempts 5").contains("safety margin PT1S");
            assertThat(store.toBuilder().build().toString()).isEqualTo(store.toString());
        }
    }

    // tag::priming[]
    public static final class PrimedHandler implements RequestHandler<Order, Receipt> {
        private static final Idempotency IDEMPOTENCY = Idempotency.builder()
                .store(new InMemoryIdempotencyStore()) // a DynamoDbIdempotencyStore in production
                .keyPrefix("orders-api.charge")
                .build();

        static {
            // Runs during SnapStart's snapshot (or from a CRaC beforeCheckpoint hook): loads and warms the hashing,
            // Jackson and the store's request templates with a sample; calls no table, so nothing is written.
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
