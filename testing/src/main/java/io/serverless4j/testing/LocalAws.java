/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import io.serverless4j.testing.internal.Settings;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A local AWS on loopback for tests: ElasticMQ (SQS), S3Mock (S3), dynalite (DynamoDB) and a WireMock PutEvents
 * stub (EventBridge), each started lazily, once per JVM, on a free port, and stopped when the JVM exits.
 *
 * <p>As a JUnit 5 extension it injects ready SDK v2 clients and the emulators into test and lifecycle methods:
 * <pre>{@code
 * @ExtendWith(LocalAws.class)
 * class OrderStoreIT {
 *     @Test
 *     void savesTheOrder(DynamoDbClient dynamoDb, CallRecorder calls) { ... }
 * }
 * }</pre>
 * Injectable: {@link SqsClient}, {@link S3Client}, {@link DynamoDbClient}, {@link EventBridgeClient} (new for each
 * test, closed after it, all sharing that test's {@link CallRecorder}), {@link CallRecorder}, and {@link LocalSqs},
 * {@link LocalS3}, {@link LocalDynamoDb}, {@link LocalEventBridge}.
 *
 * <p>Settings (system property {@code serverless4j.x.y} or environment variable {@code SERVERLESS4J_X_Y}):
 * {@code region} (default us-east-1); {@code sqs.endpoint}, {@code s3.endpoint}, {@code dynamodb.endpoint},
 * {@code eventbridge.endpoint} to use an existing endpoint instead of starting an emulator; {@code node},
 * {@code npm}, {@code dynalite.dir} for dynalite. Thread-safe.
 */
public final class LocalAws implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAws.class);

    private static final Shared<LocalSqs> SQS = new Shared<>("sqs", LocalSqs::start, LocalSqs::external);
    private static final Shared<LocalS3> S3 = new Shared<>("s3", LocalS3::start, LocalS3::external);
    private static final Shared<LocalDynamoDb> DYNAMODB =
            new Shared<>("dynamodb", LocalDynamoDb::start, LocalDynamoDb::external);
    private static final Shared<LocalEventBridge> EVENTBRIDGE =
            new Shared<>("eventbridge", LocalEventBridge::start, LocalEventBridge::external);

    private static final Map<Class<?>, Function<CallRecorder, SdkClient>> CLIENTS = Map.of(
            SqsClient.class, r -> sqs().configure(SqsClient.builder(), r).build(),
            S3Client.class, r -> s3().configure(S3Client.builder(), r).build(),
            DynamoDbClient.class, r -> dynamoDb().configure(DynamoDbClient.builder(), r).build(),
            EventBridgeClient.class, r -> eventBridge().configure(EventBridgeClient.builder(), r).build());

    private static final Map<Class<?>, Shared<?>> EMULATORS = Map.of(
            LocalSqs.class, SQS, LocalS3.class, S3, LocalDynamoDb.class, DYNAMODB, LocalEventBridge.class, EVENTBRIDGE);

    /** Used by JUnit through {@code @ExtendWith(LocalAws.class)}. */
    public LocalAws() {}

    /**
     * The region every local client uses: setting {@code region}, default {@code us-east-1}.
     *
     * @return the region
     */
    public static Region region() {
        return Region.of(Settings.get("region").orElse("us-east-1"));
    }

    /**
     * The shared SQS, started on first use.
     *
     * @return ElasticMQ, or the endpoint from {@code SERVERLESS4J_SQS_ENDPOINT}
     */
    public static LocalSqs sqs() {
        return SQS.get();
    }

    /**
     * The shared S3, started on first use (S3Mock takes several seconds).
     *
     * @return S3Mock, or the endpoint from {@code SERVERLESS4J_S3_ENDPOINT}
     */
    public static LocalS3 s3() {
        return S3.get();
    }

    /**
     * The shared DynamoDB, installed and started on first use.
     *
     * @return dynalite, or the endpoint from {@code SERVERLESS4J_DYNAMODB_ENDPOINT}
     */
    public static LocalDynamoDb dynamoDb() {
        return DYNAMODB.get();
    }

    /**
     * The shared EventBridge PutEvents stub, started on first use.
     *
     * @return the stub, or the endpoint from {@code SERVERLESS4J_EVENTBRIDGE_ENDPOINT}
     */
    public static LocalEventBridge eventBridge() {
        return EVENTBRIDGE.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == CallRecorder.class || CLIENTS.containsKey(type) || EMULATORS.containsKey(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        CallRecorder recorder = store.getOrComputeIfAbsent(CallRecorder.class, k -> new CallRecorder(),
                CallRecorder.class);
        if (type == CallRecorder.class) {
            return recorder;
        }
        Shared<?> emulator = EMULATORS.get(type);
        if (emulator != null) {
            return emulator.get();
        }
        Function<CallRecorder, SdkClient> factory = CLIENTS.get(type);
        if (factory == null) {
            throw new ParameterResolutionException("LocalAws cannot inject " + type.getName());
        }
        // One client per type and context, closed by JUnit when the test (or class) is done.
        ClosingClient closing = store.getOrComputeIfAbsent(type, k -> new ClosingClient(factory.apply(recorder)),
                ClosingClient.class);
        return closing.client();
    }

    /** Holds a client in the JUnit store so that it is closed with its context. */
    @SuppressWarnings("deprecation")
    private record ClosingClient(SdkClient client) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    /**
     * One emulator per JVM, started on first use. In-JVM emulators end with the JVM; dynalite, a child process,
     * stops itself by its own shutdown hook (and by watching its stdin if the JVM dies without running hooks).
     */
    private static final class Shared<T> {
        private final String name;
        private final IntFunction<T> starter;
        private final Function<URI, T> external;
        private T instance;

        Shared(String name, IntFunction<T> starter, Function<URI, T> external) {
            this.name = name;
            this.starter = starter;
            this.external = external;
        }

        synchronized T get() {
            if (instance == null) {
                instance = Settings.get(name + ".endpoint").map(URI::create).map(external)
                        .orElseGet(() -> starter.apply(0));
            }
            return instance;
        }
    }
}
