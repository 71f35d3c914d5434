/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.serverless4j.core.CheckedRunnable;
import io.serverless4j.core.CheckedSupplier;
import io.serverless4j.core.Invocation;
import io.serverless4j.core.MdcScope;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.idempotency.internal.Json;
import io.serverless4j.idempotency.internal.ResultCache;
import io.serverless4j.idempotency.internal.ResultCodecs;
import io.serverless4j.idempotency.spi.IdempotencyRecord;
import io.serverless4j.idempotency.spi.IdempotencyStore;
import io.serverless4j.retry.Backoff;
import io.serverless4j.retry.DeadlineExceededException;
import io.serverless4j.retry.RetriesExhaustedException;
import io.serverless4j.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work at most once per idempotency key: the first call with a key runs it and stores its result; later
 * calls with the same key, until the record expires, get the stored result without running it.
 *
 * <pre>{@code
 * static final Idempotency IDEMPOTENCY = Idempotency.builder()
 *         .store(DynamoDbIdempotencyStore.builder().dynamoDbClient(DYNAMO_DB).tableName("idempotency").build())
 *         .keyPrefix("orders-api")
 *         .expiry(Duration.ofHours(1))
 *         .build();
 *
 * Receipt receipt = IDEMPOTENCY.execute(order.orderId(), order, context, Receipt.class, () -> charge(order));
 * }</pre>
 *
 * <p>How a call goes (the record layout and state machine of ARCHITECTURE.md): a result type that can never
 * round-trip through the mapper is refused before anything else; a locally cached result is returned with no store
 * call; otherwise one conditional put takes the key ({@code IN_PROGRESS}, locked until the invocation's deadline),
 * the work runs, and the result is stored ({@code COMPLETED}). A repeat gets the stored result; a call while another
 * holds the key gets {@link IdempotencyInProgressException} (or waits, if configured). When the work throws, the
 * record is deleted so the key can run again, unless {@link Builder#keepRecordWhen} says to keep it. Every store
 * call is bounded by the invocation's deadline ({@link IdempotencyDeadlineException} when it runs out).
 *
 * <p>Guarantees, exactly (docs/idempotency.md has the table and the tests that pin each row): at most one
 * execution per key while its lock or its completed record lives; if the result cannot be stored after the work
 * ran, the key stays locked until the invocation's deadline and is re-executable after it (at-least-once), and the
 * caller gets an exception whose {@link IdempotencyException#workRan()} is true; a result type that can never be
 * serialized is refused before the key is taken. The hashed key ({@code <keyPrefix>#<sha256 hex>}) is what is
 * stored and logged; raw keys and payloads are never stored or logged.
 *
 * <p>Logging: SLF4J, inside an {@link MdcScope} holding the invocation's keys and {@link MdcScope#IDEMPOTENCY_KEY}
 * (the hashed key), so the work's own log lines carry them too.
 *
 * <p>Immutable and thread-safe: build one per handler class and keep it in a {@code static final} field.
 */
public final class Idempotency {

    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);
    /**
     * Results and payloads as JSON, with {@code java.time} values as ISO-8601 strings that read back equal (offsets
     * and zone ids kept).
     */
    private static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();
    private static final int MAX_TAKE_ATTEMPTS = 3;
    /** The marker stored for work without a result; replays read it as anything. */
    private static final Boolean DONE = Boolean.TRUE;
    /**
     * How a duplicate waits for the holder ({@link Builder#waitForInProgress}): polls 50 ms doubling to 1 s, equal
     * jitter so waiters on one key spread out, for as long as the wait's time limit allows.
     */
    private static final RetryPolicy WAIT_POLICY = RetryPolicy.defaults().toBuilder()
            .maxAttempts(Integer.MAX_VALUE)
            .backoff(Backoff.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1)))
            .retryOn(StillInProgress.class::isInstance)
            .build();

    private final IdempotencyStore store;
    private final String keyPrefix;
    private final Duration expiry;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final PayloadValidation payloadValidation;
    private final MissingKeyPolicy missingKey;
    private final Predicate<? super Throwable> keepRecordWhen;
    private final int localCacheMaxEntries;
    private final Duration waitForInProgress;
    private final Duration defaultRemainingTime;
    private final ResultCache cache;
    private final ResultCodecs codecs;
    private final JavaType doneType;

    private Idempotency(Builder builder) {
        this.store = builder.store;
        this.keyPrefix = builder.keyPrefix;
        this.expiry = builder.expiry;
        this.clock = builder.clock;
        this.mapper = builder.mapper;
        this.payloadValidation = builder.payloadValidation;
        this.missingKey = builder.missingKey;
        this.keepRecordWhen = builder.keepRecordWhen;
        this.localCacheMaxEntries = builder.localCacheMaxEntries;
        this.waitForInProgress = builder.waitForInProgress;
        this.defaultRemainingTime = builder.defaultRemainingTime;
        this.cache = new ResultCache(localCacheMaxEntries);
        this.codecs = new ResultCodecs(mapper);
        // Object, not Boolean: a replay of work without a result reads whatever was stored under the key.
        this.doneType = mapper.constructType(Object.class);
    }

    /**
     * A new builder. {@link Builder#store} and {@link Builder#keyPrefix} are required.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with this object's settings, to derive a variant. The variant gets its own, empty local cache.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Runs {@code work} at most once for {@code key}, or returns the result stored by the first call.
     *
     * @param key the raw idempotency key: a string is used as is, any other value as its canonical JSON; null or
     *     blank is a missing key (see {@link MissingKeyPolicy})
     * @param payload what the key stands for; validated as configured by {@link PayloadValidation} (may be null)
     * @param context the Lambda context, or null outside Lambda: its deadline bounds the lock and every store call,
     *     its ids go to the logs' MDC
     * @param resultType the class the stored result is read back as; must round-trip through the mapper
     * @param work the work; what it throws comes back unchanged
     * @param <T> the result type
     * @param <E> the checked exception the work may throw
     * @return the work's result, or the stored result of the first call (read back through Jackson)
     * @throws E whatever {@code work} throws, unchanged (the record is deleted unless {@code keepRecordWhen} keeps it)
     * @throws IdempotencyInProgressException when another invocation holds the key (nothing ran)
     * @throws IdempotencyPayloadMismatchException when the key was used with another payload (nothing ran)
     * @throws IdempotencyKeyMissingException when the key is missing and the policy is {@link MissingKeyPolicy#THROW}
     * @throws IdempotencyDeadlineException when the invocation's deadline stopped a store call (see
     *     {@link IdempotencyException#workRan()})
     * @throws IdempotencyStoreException when the store cannot be used (see {@link IdempotencyException#workRan()})
     * @throws IdempotencyResultException when the result type cannot round-trip through the mapper (nothing ran), a
     *     result fails to serialize after the work ran ({@code workRan()}), or a stored result does not read back
     */
    public <T, E extends Exception> T execute(Object key, Object payload, Context context, Class<T> resultType,
            CheckedSupplier<? extends T, E> work) throws E {
        Objects.requireNonNull(resultType, "resultType");
        return this.<T, E>run(key, "the key argument", payload, Invocation.of(context), mapper.constructType(resultType), work)
                .value();
    }

    /**
     * Same as {@link #execute(Object, Object, Context, Class, CheckedSupplier)}, for generic result types such as
     * {@code new TypeReference<List<Receipt>>() {}}.
     *
     * @param key the raw idempotency key
     * @param payload what the key stands for (may be null)
     * @param context the Lambda context, or null
     * @param resultType the type the stored result is read back as
     * @param work the work
     * @param <T> the result type
     * @param <E> the checked exception the work may throw
     * @return the work's result, or the stored result of the first call
     * @throws E whatever {@code work} throws, unchanged
     * @throws IdempotencyException as for {@link #execute(Object, Object, Context, Class, CheckedSupplier)}
     */
    public <T, E extends Exception> T execute(Object key, Object payload, Context context,
            TypeReference<T> resultType, CheckedSupplier<? extends T, E> work) throws E {
        Objects.requireNonNull(resultType, "resultType");
        return this.<T, E>run(key, "the key argument", payload, Invocation.of(context), mapper.constructType(resultType), work)
                .value();
    }

    /**
     * Runs work that has no result at most once for {@code key}: the first call runs it and stores a small marker;
     * later calls return without running it. For effects such as processing a queue record.
     *
     * @param key the raw idempotency key
     * @param payload what the key stands for (may be null)
     * @param context the Lambda context, or null
     * @param work the work; what it throws comes back unchanged
     * @param <E> the checked exception the work may throw
     * @throws E whatever {@code work} throws, unchanged
     * @throws IdempotencyException as for {@link #execute(Object, Object, Context, Class, CheckedSupplier)}
     */
    public <E extends Exception> void execute(Object key, Object payload, Context context, CheckedRunnable<E> work)
            throws E {
        runWithoutResult(key, payload, Invocation.of(context), work);
    }

    private <E extends Exception> void runWithoutResult(Object key, Object payload, Invocation invocation,
            CheckedRunnable<E> work) throws E {
        Objects.requireNonNull(work, "work");
        this.<Object, E>run(key, "the key argument", payload, invocation, doneType, () -> {
            work.run();
            return DONE;
        });
    }

    /**
     * Like {@link #execute(Object, Object, Context, Class, CheckedSupplier)}, and also says whether the result is
     * fresh (the work ran in this call) or replayed (stored by an earlier call).
     *
     * @param key the raw idempotency key
     * @param payload what the key stands for (may be null)
     * @param context the Lambda context, or null
     * @param resultType the class the stored result is read back as
     * @param work the work
     * @param <T> the result type
     * @param <E> the checked exception the work may throw
     * @return the result, whether it was replayed, and the hashed key
     * @throws E whatever {@code work} throws, unchanged
     * @throws IdempotencyException as for {@link #execute(Object, Object, Context, Class, CheckedSupplier)}
     */
    public <T, E extends Exception> IdempotencyOutcome<T> executeWithOutcome(Object key, Object payload,
            Context context, Class<T> resultType, CheckedSupplier<? extends T, E> work) throws E {
        Objects.requireNonNull(resultType, "resultType");
        return run(key, "the key argument", payload, Invocation.of(context), mapper.constructType(resultType), work);
    }

    /**
     * Same as {@link #executeWithOutcome(Object, Object, Context, Class, CheckedSupplier)}, for generic result
     * types.
     *
     * @param key the raw idempotency key
     * @param payload what the key stands for (may be null)
     * @param context the Lambda context, or null
     * @param resultType the type the stored result is read back as
     * @param work the work
     * @param <T> the result type
     * @param <E> the checked exception the work may throw
     * @return the result, whether it was replayed, and the hashed key
     * @throws E whatever {@code work} throws, unchanged
     * @throws IdempotencyException as for {@link #execute(Object, Object, Context, Class, CheckedSupplier)}
     */
    public <T, E extends Exception> IdempotencyOutcome<T> executeWithOutcome(Object key, Object payload,
            Context context, TypeReference<T> resultType, CheckedSupplier<? extends T, E> work) throws E {
        Objects.requireNonNull(resultType, "resultType");
        return run(key, "the key argument", payload, Invocation.of(context), mapper.constructType(resultType), work);
    }

    /**
     * Processes an SQS message at most once across redeliveries and DLQ replays: the ready record decorator of the
     * batch module, {@code SqsBatchProcessor.builder().decorator(IDEMPOTENCY::oncePerMessage)}.
     *
     * <p>The key is {@link SqsMessage#originalMessageId()} (the {@value SqsMessage#ORIGINAL_MESSAGE_ID_ATTRIBUTE}
     * attribute a DLQ replay sets, else the {@code messageId}), so a replayed message is recognised; the payload is
     * the body, validated as configured ({@link PayloadValidation}, relative to the body). What happens:
     * <ul>
     *   <li>first delivery: {@code next} runs, a marker is stored; a redelivery or replay returns without running;
     *   <li>{@code next} throws: the record is deleted (unless {@code keepRecordWhen}) and the exception comes back,
     *       so the message fails and is redelivered;
     *   <li>another holder is processing it: {@link IdempotencyInProgressException}, the message fails and comes
     *       back after its visibility timeout;
     *   <li>the same original id with another body: {@link IdempotencyPayloadMismatchException}, the message fails
     *       (and reaches the DLQ after {@code maxReceiveCount}): two different messages claim one identity, which
     *       only a person can sort out; silently acknowledging would lose one of them;
     *   <li>{@code next} ran but its completion could not be stored (the deadline, the store):
     *       the message is acknowledged and a warning logged, because its work is done; failing it would make SQS
     *       deliver it again after the lock's deadline and run the work a second time.
     * </ul>
     *
     * @param message the SQS message
     * @param context the Lambda context, or null
     * @param next processes the message
     * @param <E> the checked exception {@code next} may throw
     * @throws E whatever {@code next} throws, unchanged
     * @throws IdempotencyException when the message must fail without having been processed (see above)
     */
    public <E extends Exception> void oncePerMessage(SqsMessage message, Context context, CheckedRunnable<E> next)
            throws E {
        Objects.requireNonNull(message, "message");
        Invocation invocation = Invocation.of(context);
        try (MdcScope mdc = MdcScope.open(invocation).put(MdcScope.MESSAGE_ID, message.messageId())) {
            try {
                runWithoutResult(message.originalMessageId(), message.body(), invocation, next);
            } catch (IdempotencyException e) {
                if (!e.workRan()) {
                    throw e;
                }
                LOG.warn("Idempotency key {}: the message was processed but its completion was not stored ({}); it "
                        + "is acknowledged, and its record stays IN_PROGRESS until the invocation's deadline",
                        e.hashedKey().orElse(null), e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Decorates a function so that it runs at most once per key found in its input. The input is the payload
     * (validated as configured).
     *
     * @param key finds the key in the input
     * @param resultType the class the stored result is read back as
     * @param function the function to protect
     * @param <I> the input type
     * @param <O> the result type
     * @return the idempotent function; thread-safe when {@code function} is
     * @throws NullPointerException when an argument is null
     */
    public <I, O> IdempotentFunction<I, O> decorate(KeyExtractor<? super I> key, Class<O> resultType,
            Function<? super I, ? extends O> function) {
        Objects.requireNonNull(resultType, "resultType");
        return decorate(key, mapper.constructType(resultType), function);
    }

    /**
     * Same as {@link #decorate(KeyExtractor, Class, Function)}, for generic result types.
     *
     * @param key finds the key in the input
     * @param resultType the type the stored result is read back as
     * @param function the function to protect
     * @param <I> the input type
     * @param <O> the result type
     * @return the idempotent function
     * @throws NullPointerException when an argument is null
     */
    public <I, O> IdempotentFunction<I, O> decorate(KeyExtractor<? super I> key, TypeReference<O> resultType,
            Function<? super I, ? extends O> function) {
        Objects.requireNonNull(resultType, "resultType");
        return decorate(key, mapper.constructType(resultType), function);
    }

    private <I, O> IdempotentFunction<I, O> decorate(KeyExtractor<? super I> key, JavaType resultType,
            Function<? super I, ? extends O> function) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(function, "function");
        return (input, context) -> this.<O, RuntimeException>run(key.extract(input, mapper), key.description(),
                input, Invocation.of(context), resultType, () -> function.apply(input)).value();
    }

    /**
     * The hashed key that a raw key is stored and logged under: {@code <keyPrefix>#<sha256 hex of the canonical
     * key>}. Use it to find or delete a record by hand, or to match logs.
     *
     * @param key the raw key
     * @return the hashed key
     * @throws IdempotencyKeyMissingException when the key is null or blank
     */
    public String hashedKey(Object key) {
        String canonical = Json.canonicalKey(key, mapper);
        if (canonical == null) {
            throw new IdempotencyKeyMissingException(keyPrefix, "the key argument");
        }
        return keyPrefix + "#" + Json.sha256(canonical);
    }

    /**
     * Loads and warms what a call needs (hashing, canonical JSON, JSON Pointer, Jackson, the store's request
     * templates) without calling the store: for SnapStart (call it in a static initializer or a CRaC
     * {@code beforeCheckpoint}) so that the snapshot holds warm classes, and no sample record is ever written to the
     * user's table.
     *
     * @throws RuntimeException only on a programming error
     */
    public void prime() {
        prime(Map.of("orderId", "prime-0001", "items", List.of(Map.of("sku", "A", "quantity", 1))),
                Map.of("status", "PRIMED"));
    }

    /**
     * Like {@link #prime()}, and also warms Jackson for the handler's own payload and result types: the payload is
     * hashed as a call would, the result type is checked and a sample result serialized and read back as its own
     * class. The store is not called.
     *
     * @param samplePayload a payload like the handler's
     * @param sampleResult a result like the handler's
     * @throws NullPointerException when {@code sampleResult} is null
     * @throws IdempotencyResultException when the sample result does not round-trip through the mapper
     */
    public void prime(Object samplePayload, Object sampleResult) {
        Objects.requireNonNull(sampleResult, "sampleResult");
        String id = hashedKey("prime-key");
        payloadValidation.hash(samplePayload, mapper);
        Json.at(Json.tree(samplePayload, mapper), JsonPointer.compile("/body/id"), mapper);
        ResultCodecs.Codec codec = storable(id, mapper.constructType(sampleResult.getClass()));
        String json = write(id, codec, sampleResult, null);
        read(id, json, codec);
        new ResultCache(1).put(id, new ResultCache.Entry(json, null, clock.instant()));
        MdcScope.open(Invocation.none()).put(MdcScope.IDEMPOTENCY_KEY, id).close();
        IdempotencyRecord record = IdempotencyRecord.inProgress(id, clock.instant(), clock.instant(), null);
        record.completed(json, clock.instant()).isReplaceableAt(clock.instant());
        // Exception classes are loaded on first throw otherwise, in the middle of a failing invocation.
        List.of(new IdempotencyInProgressException(id, null), new IdempotencyPayloadMismatchException(id),
                new IdempotencyKeyMissingException(keyPrefix, "prime"),
                new IdempotencyDeadlineException(id, "prime", null), new IdempotencyOutcome<>(json, false, id));
        store.prime();
    }

    private <T, E extends Exception> IdempotencyOutcome<T> run(Object key, String keySource, Object payload,
            Invocation invocation, JavaType resultType, CheckedSupplier<? extends T, E> work) throws E {
        Objects.requireNonNull(work, "work");
        String canonicalKey = Json.canonicalKey(key, mapper);
        if (canonicalKey == null) {
            if (missingKey == MissingKeyPolicy.THROW) {
                throw new IdempotencyKeyMissingException(keyPrefix, keySource);
            }
            try (MdcScope mdc = MdcScope.open(invocation)) {
                LOG.warn("No idempotency key for key prefix '{}' ({} gave null or blank); running without "
                        + "idempotency as configured (MissingKeyPolicy.RUN_WITHOUT_IDEMPOTENCY)", keyPrefix, keySource);
                return new IdempotencyOutcome<>(work.get(), false, null);
            }
        }
        String id = keyPrefix + "#" + Json.sha256(canonicalKey);
        try (MdcScope mdc = MdcScope.open(invocation).put(MdcScope.IDEMPOTENCY_KEY, id)) {
            ResultCodecs.Codec codec = storable(id, resultType);
            String payloadHash = payloadValidation.hash(payload, mapper);
            return runWithKey(id, payloadHash, invocation, codec, work);
        }
    }

    /** The codec of a result type, or the refusal of a type that could never be stored: before any key is taken. */
    private ResultCodecs.Codec storable(String id, JavaType resultType) {
        ResultCodecs.Codec codec = codecs.forType(resultType);
        if (codec.problem() != null) {
            LOG.debug("Idempotency key {}: result type {} refused before the key was taken", id,
                    resultType.toCanonical());
            throw new IdempotencyResultException(id, "Results of idempotency key " + id + " could never be stored: "
                    + codec.problem() + ". Nothing ran and the key was not taken; make the type round-trip through "
                    + "the ObjectMapper given to Idempotency.Builder.objectMapper (or use the default one).", null);
        }
        return codec;
    }

    private <T, E extends Exception> IdempotencyOutcome<T> runWithKey(String id, String payloadHash,
            Invocation invocation, ResultCodecs.Codec codec, CheckedSupplier<? extends T, E> work) throws E {
        ResultCache.Entry cached = cache.get(id, clock.instant());
        if (cached != null) {
            checkPayload(id, cached.payloadHash(), payloadHash);
            LOG.debug("Idempotency key {}: returning the locally cached result", id);
            return new IdempotencyOutcome<>(read(id, cached.data(), codec), true, id);
        }
        Taken taken = take(id, payloadHash, invocation);
        if (taken.lock() == null) {
            IdempotencyRecord stored = taken.stored();
            checkPayload(id, stored.payloadHash(), payloadHash);
            if (stored.status() == IdempotencyRecord.Status.IN_PROGRESS) {
                if (waitForInProgress.isZero()) {
                    LOG.debug("Idempotency key {}: in progress elsewhere until {}", id, stored.inProgressExpiration());
                    throw new IdempotencyInProgressException(id, stored.inProgressExpiration());
                }
                taken = awaitHolder(id, payloadHash, invocation, stored);
            }
        }
        if (taken.lock() != null) {
            LOG.debug("Idempotency key {}: acquired (locked until {}); running the work", id,
                    taken.lock().inProgressExpiration());
            return runAndSave(taken.lock(), invocation, codec, work);
        }
        IdempotencyRecord completed = taken.stored();
        checkPayload(id, completed.payloadHash(), payloadHash);
        cache.put(id, new ResultCache.Entry(completed.data(), completed.payloadHash(), completed.expiration()));
        LOG.debug("Idempotency key {}: returning the stored result", id);
        return new IdempotencyOutcome<>(read(id, completed.data(), codec), true, id);
    }

    /** The outcome of trying to take a key: the lock we hold, or the record that refused us. */
    private record Taken(IdempotencyRecord lock, IdempotencyRecord stored) {}

    /** One conditional put (a few when the refusing record turns out to have just expired). */
    private Taken take(String id, String payloadHash, Invocation invocation) {
        IdempotencyRecord stored = null;
        for (int attempt = 1; attempt <= MAX_TAKE_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Instant lockUntil = now.plus(invocation.hasDeadline() ? invocation.remainingTime() : defaultRemainingTime);
            Instant expiration = now.plus(expiry);
            if (expiration.isBefore(lockUntil)) {
                // A lock must never expire as a record before its holder's deadline.
                expiration = Instant.ofEpochSecond(lockUntil.getEpochSecond() + 1);
            }
            IdempotencyRecord lock = IdempotencyRecord.inProgress(id, expiration, lockUntil, payloadHash);
            Optional<IdempotencyRecord> existing = store.putInProgress(lock, now, invocation);
            if (existing.isEmpty()) {
                return new Taken(lock, null);
            }
            stored = existing.get();
            if (!stored.isReplaceableAt(now)) {
                return new Taken(null, stored);
            }
            // It expired between the store's check and ours: take it on the next attempt.
        }
        LOG.debug("Idempotency key {}: still contended after {} attempts", id, MAX_TAKE_ATTEMPTS);
        return new Taken(null, stored);
    }

    /**
     * Waits for the holder of a key through {@link #WAIT_POLICY}, within {@link Builder#waitForInProgress} and the
     * invocation's deadline (each less the policy's safety margin): the stored result once it is there, or the key
     * when the holder gives it up. Each poll is one consistent read, and a put when the key looks free.
     */
    private Taken awaitHolder(String id, String payloadHash, Invocation invocation, IdempotencyRecord holder) {
        AtomicReference<IdempotencyRecord> lastSeen = new AtomicReference<>(holder);
        Invocation waiting = invocation.withTimeLimit(waitForInProgress.plus(WAIT_POLICY.safetyMargin()));
        try {
            return WAIT_POLICY.call("Idempotency wait for the holder of a key", waiting, attempt -> {
                if (attempt.number() == 1) {
                    // The refused put that brought us here was the first look: wait before the next.
                    throw StillInProgress.SIGNAL;
                }
                Optional<IdempotencyRecord> current = store.get(id, invocation);
                Instant now = clock.instant();
                if (current.isPresent() && !current.get().isReplaceableAt(now)) {
                    return stillHeld(current.get(), lastSeen);
                }
                // The holder gave the key up (its work failed) or died: try to take it.
                Taken taken = take(id, payloadHash, invocation);
                return taken.lock() != null ? taken : stillHeld(taken.stored(), lastSeen);
            });
        } catch (DeadlineExceededException | RetriesExhaustedException stoppedWaiting) {
            if (stoppedWaiting.getCause() instanceof IdempotencyException storeFailure) {
                // A poll's own store call was cut off at the deadline: that is what the caller must hear.
                throw storeFailure;
            }
            LOG.debug("Idempotency key {}: stopped waiting for the holder (in progress until {})", id,
                    lastSeen.get().inProgressExpiration());
            throw new IdempotencyInProgressException(id, lastSeen.get().inProgressExpiration());
        }
    }

    private static Taken stillHeld(IdempotencyRecord record, AtomicReference<IdempotencyRecord> lastSeen) {
        if (record.status() == IdempotencyRecord.Status.COMPLETED) {
            return new Taken(null, record);
        }
        lastSeen.set(record);
        throw StillInProgress.SIGNAL;
    }

    /** The wait policy's only retryable failure: the key is still held. Carries no stack trace. */
    private static final class StillInProgress extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final StillInProgress SIGNAL = new StillInProgress();

        private StillInProgress() {
            super("the key is still in progress", null, false, false);
        }
    }

    private <T, E extends Exception> IdempotencyOutcome<T> runAndSave(IdempotencyRecord lock, Invocation invocation,
            ResultCodecs.Codec codec, CheckedSupplier<? extends T, E> work) throws E {
        String id = lock.id();
        T result;
        try {
            result = work.get();
        } catch (Throwable failure) {
            // Throwable, not only E: an Error, or a checked exception thrown sneakily (Kotlin, Lombok), must release
            // the key too, and reach the caller unchanged.
            release(lock, invocation, failure);
            throw failure;
        }
        String json = write(id, codec, result, lock);
        IdempotencyRecord completed = lock.completed(json, clock.instant().plus(expiry));
        try {
            store.complete(completed, invocation);
        } catch (IdempotencyStoreException e) {
            // The work has run. Deleting the lock would let a retry run the work again at once, so it stays
            // IN_PROGRESS until the holder's deadline, and the caller learns that the result was not stored.
            LOG.warn("Idempotency key {}: the work ran but storing its result failed ({}); unless the write reached "
                    + "the store before its answer was lost, the record stays IN_PROGRESS until {}, so a retry before "
                    + "then gets IdempotencyInProgressException and one after it runs the work again", id,
                    e.getClass().getSimpleName(), lock.inProgressExpiration());
            String message = "The work for idempotency key " + id + " ran, but storing its result failed: "
                    + e.getMessage() + " Unless that write reached the store before its answer was lost (then the "
                    + "result is stored whole), the key stays locked (IN_PROGRESS) until " + lock.inProgressExpiration()
                    + ", the invocation's deadline, and no later: a call before then gets "
                    + "IdempotencyInProgressException, a call after it runs the work again (at-least-once).";
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw e instanceof IdempotencyDeadlineException
                    ? new IdempotencyDeadlineException(id, message, cause, true)
                    : new IdempotencyStoreException(id, message, cause, true);
        }
        cache.put(id, new ResultCache.Entry(json, completed.payloadHash(), completed.expiration()));
        LOG.debug("Idempotency key {}: completed; the result is kept until {}", id, completed.expiration());
        return new IdempotencyOutcome<>(result, false, id);
    }

    private void release(IdempotencyRecord lock, Invocation invocation, Throwable failure) {
        String id = lock.id();
        // Only the exception's class is logged: its message may quote the payload.
        if (keepRecordWhen.test(failure)) {
            LOG.debug("Idempotency key {}: the work failed with {}; the record is kept IN_PROGRESS until {} as "
                    + "configured", id, failure.getClass().getName(), lock.inProgressExpiration());
            return;
        }
        try {
            store.delete(id, invocation);
            LOG.debug("Idempotency key {}: the work failed with {}; the record was deleted so the key can run again",
                    id, failure.getClass().getName());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            LOG.warn("Idempotency key {}: the work failed with {} and its record could not be deleted ({}); the key "
                    + "is blocked until {}", id, failure.getClass().getName(), e.getClass().getSimpleName(),
                    lock.inProgressExpiration());
        }
    }

    private static void checkPayload(String id, String storedHash, String payloadHash) {
        if (storedHash != null && payloadHash != null && !storedHash.equals(payloadHash)) {
            LOG.debug("Idempotency key {}: payload hash differs from the stored one", id);
            throw new IdempotencyPayloadMismatchException(id);
        }
    }

    /**
     * The result as JSON, proven to read back as the result type, so that a stored result always replays. With a
     * lock (the work ran), a failure keeps the lock until its deadline and says so.
     */
    private String write(String id, ResultCodecs.Codec codec, Object result, IdempotencyRecord lock) {
        String json;
        try {
            json = codec.writer().writeValueAsString(result);
            codec.reader().readValue(json);
            return json;
        } catch (Exception e) {
            String what = "The result for idempotency key " + id + " (a "
                    + (result == null ? "null" : result.getClass().getName()) + " returned as "
                    + codec.type().toCanonical() + ") could not be written to JSON and read back with the configured "
                    + "ObjectMapper";
            if (lock == null) {
                throw new IdempotencyResultException(id, what + "; make it round-trip through Jackson.", e);
            }
            LOG.warn("Idempotency key {}: the work ran but its result could not be serialized ({}); the record stays "
                    + "IN_PROGRESS until {}", id, e.getClass().getSimpleName(), lock.inProgressExpiration());
            throw new IdempotencyResultException(id, what + ", after the work ran. The key stays locked "
                    + "(IN_PROGRESS) until " + lock.inProgressExpiration() + ", the invocation's deadline, and is not "
                    + "released earlier, so the work is not repeated before then; a call after it runs the work "
                    + "again (at-least-once). Make the result (including its runtime subtypes and getters) "
                    + "round-trip through Jackson.", e, true);
        }
    }

    private <T> T read(String id, String json, ResultCodecs.Codec codec) {
        try {
            return codec.reader().readValue(json);
        } catch (Exception e) {
            throw new IdempotencyResultException(id, "The stored result for idempotency key " + id
                    + " does not deserialize as " + codec.type().toCanonical() + "; request the type that was stored, "
                    + "or change the key prefix when the result type changes.", e);
        }
    }

    @Override
    public String toString() {
        return "Idempotency[keyPrefix=" + keyPrefix + ", store=" + store + ", expiry=" + expiry + ", payloadValidation="
                + payloadValidation + ", missingKey=" + missingKey + ", localCacheMaxEntries=" + localCacheMaxEntries
                + ", waitForInProgress=" + waitForInProgress + "]";
    }

    /**
     * Builds an {@link Idempotency}. Setters validate their argument at once ({@link NullPointerException},
     * {@link IllegalArgumentException}); {@link #build()} checks that the required settings are there
     * ({@link IllegalStateException}). Not thread-safe; the built object is immutable.
     */
    public static final class Builder {
        private IdempotencyStore store;
        private String keyPrefix;
        private Duration expiry = Duration.ofHours(1);
        private Clock clock = Clock.systemUTC();
        private ObjectMapper mapper = DEFAULT_MAPPER;
        private PayloadValidation payloadValidation = PayloadValidation.wholePayload();
        private MissingKeyPolicy missingKey = MissingKeyPolicy.THROW;
        private Predicate<? super Throwable> keepRecordWhen = failure -> false;
        private int localCacheMaxEntries = 256;
        private Duration waitForInProgress = Duration.ZERO;
        private Duration defaultRemainingTime = Duration.ofMinutes(15);

        private Builder() {}

        private Builder(Idempotency from) {
            this.store = from.store;
            this.keyPrefix = from.keyPrefix;
            this.expiry = from.expiry;
            this.clock = from.clock;
            this.mapper = from.mapper;
            this.payloadValidation = from.payloadValidation;
            this.missingKey = from.missingKey;
            this.keepRecordWhen = from.keepRecordWhen;
            this.localCacheMaxEntries = from.localCacheMaxEntries;
            this.waitForInProgress = from.waitForInProgress;
            this.defaultRemainingTime = from.defaultRemainingTime;
        }

        /**
         * Where records live. Required.
         *
         * @param store e.g. a {@link DynamoDbIdempotencyStore}, or an {@link InMemoryIdempotencyStore} in tests
         * @return this builder
         * @throws NullPointerException when {@code store} is null
         */
        public Builder store(IdempotencyStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Names this use of the store, so that several functions or operations can share one table without their
         * keys colliding: records are stored as {@code <keyPrefix>#<sha256 hex>}. Required.
         *
         * @param keyPrefix e.g. {@code orders-api.charge}; 1 to 200 characters, no whitespace
         * @return this builder
         * @throws NullPointerException when {@code keyPrefix} is null
         * @throws IllegalArgumentException when it is empty, longer than 200 characters or contains whitespace
         */
        public Builder keyPrefix(String keyPrefix) {
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            if (keyPrefix.isEmpty() || keyPrefix.length() > 200 || keyPrefix.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("keyPrefix must be 1 to 200 characters without whitespace, was '"
                        + keyPrefix + "'");
            }
            this.keyPrefix = keyPrefix;
            return this;
        }

        /**
         * How long a completed result is kept and returned for its key, counted from completion. Default 1 hour.
         *
         * @param expiry at least 1 second
         * @return this builder
         * @throws NullPointerException when {@code expiry} is null
         * @throws IllegalArgumentException when it is shorter than 1 second
         */
        public Builder expiry(Duration expiry) {
            Objects.requireNonNull(expiry, "expiry");
            if (expiry.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("expiry must be at least 1 second, was " + expiry);
            }
            this.expiry = expiry;
            return this;
        }

        /**
         * The wall clock for expiries and for the lock's {@code inProgressExpiration} (now plus the invocation's
         * remaining time). Default {@link Clock#systemUTC()}; tests pass a controllable clock to expire records
         * without sleeping.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException when {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The mapper that serializes results, payloads (for hashing and JSON Pointers) and non-string keys. Default:
         * a mapper with {@code JavaTimeModule} that writes {@code java.time} values as ISO-8601 strings (keeping
         * offsets and zone ids, so they read back equal). To read and write JSON as the events module does, pass
         * {@code Events.objectMapper()}. A result type this mapper cannot round-trip is refused before the work runs.
         * Do not reconfigure the mapper after handing it over.
         *
         * @param mapper the mapper
         * @return this builder
         * @throws NullPointerException when {@code mapper} is null
         */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Which part of the payload must match when a key is reused. Default {@link PayloadValidation#wholePayload()}.
         *
         * @param payloadValidation the validation
         * @return this builder
         * @throws NullPointerException when {@code payloadValidation} is null
         */
        public Builder payloadValidation(PayloadValidation payloadValidation) {
            this.payloadValidation = Objects.requireNonNull(payloadValidation, "payloadValidation");
            return this;
        }

        /**
         * What happens when a call has no key. Default {@link MissingKeyPolicy#THROW}.
         *
         * @param missingKey the policy
         * @return this builder
         * @throws NullPointerException when {@code missingKey} is null
         */
        public Builder missingKey(MissingKeyPolicy missingKey) {
            this.missingKey = Objects.requireNonNull(missingKey, "missingKey");
            return this;
        }

        /**
         * Which failures of the work keep the record instead of deleting it. A kept record stays
         * {@code IN_PROGRESS} until its in-progress expiry (the invocation's deadline), as if the invocation had
         * crashed: retries before then get {@link IdempotencyInProgressException}. Use it for failures whose effect
         * is unknown (a timeout while calling a payment provider), where running again at once could repeat the
         * effect. Default: none (every failure deletes the record, so the key can run again at once).
         *
         * @param keepRecordWhen true for the failures that keep the record
         * @return this builder
         * @throws NullPointerException when {@code keepRecordWhen} is null
         */
        public Builder keepRecordWhen(Predicate<? super Throwable> keepRecordWhen) {
            this.keepRecordWhen = Objects.requireNonNull(keepRecordWhen, "keepRecordWhen");
            return this;
        }

        /**
         * How many completed results to keep in memory (least recently used evicted first), so that a repeat in
         * the same execution environment costs no store call. Default 256; 0 disables the cache.
         *
         * @param maxEntries 0 or more
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder localCacheMaxEntries(int maxEntries) {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("localCacheMaxEntries must not be negative, was " + maxEntries);
            }
            this.localCacheMaxEntries = maxEntries;
            return this;
        }

        /**
         * Wait up to {@code maxWait} for a concurrent call's result instead of throwing
         * {@link IdempotencyInProgressException} at once, polling the store through a retry policy (50 ms doubling
         * to 1 s, equal jitter). The wait also ends with the invocation: polls start only while the deadline less
         * the policy's safety margin (500 ms) leaves room for one. When the holder fails, the waiter takes the key
         * and runs the work. Default {@link Duration#ZERO}: don't wait.
         *
         * @param maxWait zero or positive
         * @return this builder
         * @throws NullPointerException when {@code maxWait} is null
         * @throws IllegalArgumentException when negative
         */
        public Builder waitForInProgress(Duration maxWait) {
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("waitForInProgress must not be negative, was " + maxWait);
            }
            this.waitForInProgress = maxWait;
            return this;
        }

        /**
         * The lock length of a call made without a Lambda context (a null context: outside Lambda, where there is
         * no deadline). With a context, the lock always ends at the invocation's deadline. Default 15 minutes,
         * Lambda's longest timeout.
         *
         * @param remainingTime positive
         * @return this builder
         * @throws NullPointerException when {@code remainingTime} is null
         * @throws IllegalArgumentException when not positive
         */
        public Builder defaultRemainingTime(Duration remainingTime) {
            Objects.requireNonNull(remainingTime, "remainingTime");
            if (remainingTime.isNegative() || remainingTime.isZero()) {
                throw new IllegalArgumentException("defaultRemainingTime must be positive, was " + remainingTime);
            }
            this.defaultRemainingTime = remainingTime;
            return this;
        }

        /**
         * Builds the immutable {@link Idempotency}.
         *
         * @return the configured object
         * @throws IllegalStateException when the store or the key prefix is missing
         */
        public Idempotency build() {
            if (store == null) {
                throw new IllegalStateException("Idempotency needs a store: call store(DynamoDbIdempotencyStore"
                        + ".builder()...build()), or store(new InMemoryIdempotencyStore()) in unit tests");
            }
            if (keyPrefix == null) {
                throw new IllegalStateException("Idempotency needs a keyPrefix naming this use of the store, "
                        + "e.g. keyPrefix(\"orders-api.charge\")");
            }
            return new Idempotency(this);
        }
    }
}
