/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverless4j.idempotency.internal.Json;
import io.serverless4j.idempotency.internal.MdcScope;
import io.serverless4j.idempotency.internal.ResultCache;
import io.serverless4j.idempotency.spi.IdempotencyRecord;
import io.serverless4j.idempotency.spi.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work at most once per idempotency key: the first call with a key runs it and stores its result; later
 * calls with the same key, until the record expires, get the stored result without running it.
 *
 * <pre>{@code
 * static final Idempotency IDEMPOTENCY = Idempotency.builder()
 *         .store(DynamoDbIdempotencyStore.builder().client(DYNAMO_DB).tableName("idempotency").build())
 *         .keyPrefix("orders-api")
 *         .expiry(Duration.ofHours(1))
 *         .build();
 *
 * Receipt receipt = IDEMPOTENCY.execute(order.orderId(), order, context, Receipt.class, () -> charge(order));
 * }</pre>
 *
 * <p>How a call goes (the record layout and state machine of ARCHITECTURE.md): a locally cached result is
 * returned with no store call; otherwise one conditional put takes the key ({@code IN_PROGRESS}, locked until the
 * Lambda's deadline), the work runs, and the result is stored ({@code COMPLETED}). A repeat gets the stored result;
 * a call while another holds the key gets {@link IdempotencyInProgressException} (or waits, if configured). When
 * the work throws, the record is deleted so the key can run again, unless {@link Builder#keepRecordWhen} says to
 * keep it.
 *
 * <p>Guarantee: at most one <em>successful</em> execution per key per expiry window. A crashed invocation's key
 * runs again only after its in-progress expiry. The hashed key ({@code <keyPrefix>#<sha256 hex>}) is what is
 * stored and logged; raw keys and payloads are never stored or logged.
 *
 * <p>Immutable and thread-safe: build one per handler class and keep it in a {@code static final} field.
 */
public final class Idempotency {

    /** The SLF4J MDC entry holding the hashed key while a call runs. */
    public static final String MDC_IDEMPOTENCY_KEY = "idempotencyKey";

    /** The SLF4J MDC entry holding the Lambda request id while a call runs (when a context is given). */
    public static final String MDC_REQUEST_ID = "awsRequestId";

    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);
    private static final ObjectMapper DEFAULT_MAPPER = new ObjectMapper();
    private static final int MAX_ACQUIRE_ATTEMPTS = 3;
    private static final Duration FIRST_POLL = Duration.ofMillis(50);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);
    private static final Duration MAX_WAIT_MARGIN = Duration.ofSeconds(1);

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
     * <p>Inside an SQS batch, call it once per record with a business key (or the original message id) and the
     * record's body as the payload; report the records that throw as batch item failures.
     *
     * @param key the raw idempotency key: a string is used as is, any other value as its canonical JSON; null or
     *     blank is a missing key (see {@link MissingKeyPolicy})
     * @param payload what the key stands for; validated as configured by {@link PayloadValidation} (may be null)
     * @param context the Lambda context, or null outside Lambda: its remaining time bounds the lock, its request id
     *     goes to the logs' MDC
     * @param resultType the class the stored result is read back as
     * @param work the work; its result must round-trip through the {@code ObjectMapper}
     * @param <T> the result type
     * @return the work's result, or the stored result of the first call (read back through Jackson)
     * @throws IdempotencyInProgressException when another invocation holds the key (nothing ran)
     * @throws IdempotencyPayloadMismatchException when the key was used with another payload (nothing ran)
     * @throws IdempotencyKeyMissingException when the key is missing and the policy is {@link MissingKeyPolicy#THROW}
     * @throws IdempotencyStoreException when the store cannot be reached to take the key (nothing ran)
     * @throws IdempotencyResultException when a result does not convert to or from JSON
     * @throws RuntimeException whatever {@code work} throws, unchanged (the record is deleted unless kept)
     */
    public <T> T execute(Object key, Object payload, Context context, Class<T> resultType,
            Supplier<? extends T> work) {
        Objects.requireNonNull(resultType, "resultType");
        return run(key, "the key argument", payload, context, mapper.constructType(resultType), work);
    }

    /**
     * Same as {@link #execute(Object, Object, Context, Class, Supplier)}, for generic result types such as
     * {@code new TypeReference<List<Receipt>>() {}}.
     *
     * @param key the raw idempotency key
     * @param payload what the key stands for (may be null)
     * @param context the Lambda context, or null
     * @param resultType the type the stored result is read back as
     * @param work the work
     * @param <T> the result type
     * @return the work's result, or the stored result of the first call
     * @throws IdempotencyException as for {@link #execute(Object, Object, Context, Class, Supplier)}
     */
    public <T> T execute(Object key, Object payload, Context context, TypeReference<T> resultType,
            Supplier<? extends T> work) {
        Objects.requireNonNull(resultType, "resultType");
        return run(key, "the key argument", payload, context, mapper.constructType(resultType), work);
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
        return (input, context) -> run(key.extract(input, mapper), key.description(), input, context, resultType,
                () -> function.apply(input));
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
     * Loads and warms what a call needs (hashing, canonical JSON, JSON Pointer, Jackson, the store's table schema)
     * without calling the store: for SnapStart (call it in a static initializer or a CRaC
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
     * hashed as a call would, the result is serialized and read back as its own class. The store is not called.
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
        Json.at(Json.tree(samplePayload, mapper), com.fasterxml.jackson.core.JsonPointer.compile("/body/id"), mapper);
        String json = write(id, sampleResult);
        read(id, json, mapper.constructType(sampleResult.getClass()));
        new ResultCache(1).put(id, new ResultCache.Entry(json, null, clock.instant()));
        MdcScope.open(MDC_IDEMPOTENCY_KEY, id, MDC_REQUEST_ID, null).close();
        IdempotencyRecord record = IdempotencyRecord.inProgress(id, clock.instant(), clock.instant(), null);
        record.completed(json, clock.instant()).isReplaceableAt(clock.instant());
        // Exception classes are loaded on first throw otherwise, in the middle of a failing invocation.
        List.of(new IdempotencyInProgressException(id, null), new IdempotencyPayloadMismatchException(id),
                new IdempotencyKeyMissingException(keyPrefix, "prime"));
        store.prime();
    }

    private <T> T run(Object key, String keySource, Object payload, Context context, JavaType resultType,
            Supplier<? extends T> work) {
        Objects.requireNonNull(work, "work");
        String canonicalKey = Json.canonicalKey(key, mapper);
        if (canonicalKey == null) {
            if (missingKey == MissingKeyPolicy.THROW) {
                throw new IdempotencyKeyMissingException(keyPrefix, keySource);
            }
            MdcScope mdc = MdcScope.open(MDC_IDEMPOTENCY_KEY, null, MDC_REQUEST_ID, requestId(context));
            try {
                LOG.warn("No idempotency key for key prefix '{}' ({} gave null or blank); running without "
                        + "idempotency as configured (MissingKeyPolicy.RUN_WITHOUT_IDEMPOTENCY)", keyPrefix, keySource);
            } finally {
                mdc.close();
            }
            return work.get();
        }
        String id = keyPrefix + "#" + Json.sha256(canonicalKey);
        String payloadHash = payloadValidation.hash(payload, mapper);
        MdcScope mdc = MdcScope.open(MDC_IDEMPOTENCY_KEY, id, MDC_REQUEST_ID, requestId(context));
        try {
            return runWithKey(id, payloadHash, context, resultType, work);
        } finally {
            mdc.close();
        }
    }

    private <T> T runWithKey(String id, String payloadHash, Context context, JavaType resultType,
            Supplier<? extends T> work) {
        ResultCache.Entry cached = cache.get(id, clock.instant());
        if (cached != null) {
            checkPayload(id, cached.payloadHash(), payloadHash);
            LOG.debug("Idempotency key {}: returning the locally cached result", id);
            return read(id, cached.data(), resultType);
        }
        Duration remaining = remainingTime(context);
        Long waitDeadline = null;
        Instant lockedUntil = null;
        for (int attempt = 1; attempt <= MAX_ACQUIRE_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Instant lockUntil = now.plus(remaining);
            Instant expiration = now.plus(expiry);
            if (expiration.isBefore(lockUntil)) {
                // A lock must never expire as a record before its holder's deadline.
                expiration = Instant.ofEpochSecond(lockUntil.getEpochSecond() + 1);
            }
            IdempotencyRecord lock = IdempotencyRecord.inProgress(id, expiration, lockUntil, payloadHash);
            Optional<IdempotencyRecord> existing = store.putInProgress(lock, now);
            if (existing.isEmpty()) {
                LOG.debug("Idempotency key {}: acquired (locked until {}); running the work", id, lock.inProgressExpiration());
                return runAndSave(lock, resultType, work);
            }
            IdempotencyRecord stored = existing.get();
            if (stored.isReplaceableAt(now)) {
                // It expired between the store's check and ours: take it on the next attempt.
                continue;
            }
            checkPayload(id, stored.payloadHash(), payloadHash);
            if (stored.status() == IdempotencyRecord.Status.COMPLETED) {
                cache.put(id, new ResultCache.Entry(stored.data(), stored.payloadHash(), stored.expiration()));
                LOG.debug("Idempotency key {}: returning the stored result", id);
                return read(id, stored.data(), resultType);
            }
            lockedUntil = stored.inProgressExpiration();
            if (waitForInProgress.isZero()) {
                LOG.debug("Idempotency key {}: in progress elsewhere until {}", id, lockedUntil);
                throw new IdempotencyInProgressException(id, lockedUntil);
            }
            if (waitDeadline == null) {
                waitDeadline = waitDeadline(remaining);
            }
            IdempotencyRecord completed = awaitCompletion(id, waitDeadline, lockedUntil);
            if (completed != null) {
                checkPayload(id, completed.payloadHash(), payloadHash);
                cache.put(id, new ResultCache.Entry(completed.data(), completed.payloadHash(), completed.expiration()));
                LOG.debug("Idempotency key {}: returning the result stored while we waited", id);
                return read(id, completed.data(), resultType);
            }
            // The holder gave the key up (its work failed) or died: try to take it.
        }
        LOG.debug("Idempotency key {}: still contended after {} attempts", id, MAX_ACQUIRE_ATTEMPTS);
        throw new IdempotencyInProgressException(id, lockedUntil);
    }

    private <T> T runAndSave(IdempotencyRecord lock, JavaType resultType, Supplier<? extends T> work) {
        String id = lock.id();
        T result;
        try {
            result = work.get();
        } catch (Throwable failure) {
            // Throwable, not only unchecked ones: a checked exception thrown sneakily (Kotlin, Lombok) must release
            // the key too, and reach the caller unchanged.
            release(lock, failure);
            throw Idempotency.<RuntimeException>rethrow(failure);
        }
        String json;
        try {
            json = write(id, result);
        } catch (IdempotencyResultException e) {
            LOG.warn("Idempotency key {}: the result could not be serialized; the record stays IN_PROGRESS until {}",
                    id, lock.inProgressExpiration());
            throw e;
        }
        IdempotencyRecord completed = lock.completed(json, clock.instant().plus(expiry));
        try {
            store.complete(completed);
        } catch (IdempotencyStoreException e) {
            // The work has run: returning its result is right for this caller. Deleting the lock would let a retry
            // run the work again at once, so it stays IN_PROGRESS until the holder's deadline.
            LOG.warn("Idempotency key {}: the work succeeded but its result could not be stored; the record stays "
                    + "IN_PROGRESS until {}, so a retry before then gets IdempotencyInProgressException and one after "
                    + "it runs the work again", id, lock.inProgressExpiration(), e);
            return result;
        }
        cache.put(id, new ResultCache.Entry(json, completed.payloadHash(), completed.expiration()));
        LOG.debug("Idempotency key {}: completed; the result is kept until {}", id, completed.expiration());
        return result;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable failure) throws E {
        throw (E) failure;
    }

    private void release(IdempotencyRecord lock, Throwable failure) {
        String id = lock.id();
        // Only the exception's class is logged: its message may quote the payload.
        if (keepRecordWhen.test(failure)) {
            LOG.debug("Idempotency key {}: the work failed with {}; the record is kept IN_PROGRESS until {} as "
                    + "configured", id, failure.getClass().getName(), lock.inProgressExpiration());
            return;
        }
        try {
            store.delete(id);
            LOG.debug("Idempotency key {}: the work failed with {}; the record was deleted so the key can run again",
                    id, failure.getClass().getName());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            LOG.warn("Idempotency key {}: the work failed with {} and its record could not be deleted; the key is "
                    + "blocked until {}", id, failure.getClass().getName(), lock.inProgressExpiration(), e);
        }
    }

    private IdempotencyRecord awaitCompletion(String id, long deadlineNanos, Instant lockedUntil) {
        long delay = FIRST_POLL.toNanos();
        Instant holderDeadline = lockedUntil;
        while (true) {
            // Equal jitter: half fixed, half random, so waiters polling one key spread out.
            long sleep = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
            if (System.nanoTime() + sleep > deadlineNanos) {
                LOG.debug("Idempotency key {}: stopped waiting for the holder (in progress until {})", id,
                        holderDeadline);
                throw new IdempotencyInProgressException(id, holderDeadline);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IdempotencyInProgressException(id, holderDeadline);
            }
            Optional<IdempotencyRecord> current = store.get(id);
            if (current.isEmpty() || current.get().isReplaceableAt(clock.instant())) {
                return null;
            }
            if (current.get().status() == IdempotencyRecord.Status.COMPLETED) {
                return current.get();
            }
            holderDeadline = current.get().inProgressExpiration();
            delay = Math.min(delay * 2, MAX_POLL.toNanos());
        }
    }

    private long waitDeadline(Duration remaining) {
        // Leave part of the invocation (up to 1 s) for answering, so waiting never turns into a Lambda timeout.
        Duration margin = remaining.dividedBy(2).compareTo(MAX_WAIT_MARGIN) < 0 ? remaining.dividedBy(2)
                : MAX_WAIT_MARGIN;
        Duration budget = remaining.minus(margin);
        Duration wait = budget.compareTo(waitForInProgress) < 0 ? budget : waitForInProgress;
        return System.nanoTime() + wait.toNanos();
    }

    private Duration remainingTime(Context context) {
        if (context != null) {
            int millis = context.getRemainingTimeInMillis();
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        }
        return defaultRemainingTime;
    }

    private static String requestId(Context context) {
        return context == null ? null : context.getAwsRequestId();
    }

    private static void checkPayload(String id, String storedHash, String payloadHash) {
        if (storedHash != null && payloadHash != null && !storedHash.equals(payloadHash)) {
            LOG.debug("Idempotency key {}: payload hash differs from the stored one", id);
            throw new IdempotencyPayloadMismatchException(id);
        }
    }

    private String write(String id, Object result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IdempotencyResultException(id, "The result for idempotency key " + id + " (a "
                    + (result == null ? "null" : result.getClass().getName()) + ") could not be serialized to JSON; "
                    + "make the result type serializable by the configured ObjectMapper.", e);
        }
    }

    private <T> T read(String id, String json, JavaType resultType) {
        try {
            return mapper.readValue(json, resultType);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IdempotencyResultException(id, "The stored result for idempotency key " + id
                    + " does not deserialize as " + resultType.toCanonical() + "; request the type that was stored, "
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
         * The clock for expiries. Default {@link Clock#systemUTC()}; tests pass a controllable clock to expire
         * records without sleeping.
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
         * The mapper that serializes results, payloads (for hashing and JSON Pointers) and non-string keys.
         * Default: a plain {@code new ObjectMapper()}. Do not reconfigure it after handing it over.
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
         * {@code IN_PROGRESS} until its in-progress expiry, as if the invocation had crashed: retries before then
         * get {@link IdempotencyInProgressException}. Use it for failures whose effect is unknown (a timeout while
         * calling a payment provider), where running again at once could repeat the effect. Default: none (every
         * failure deletes the record, so the key can run again at once).
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
         * {@link IdempotencyInProgressException} at once, polling the store with backoff (50 ms doubling to 1 s,
         * jittered). The wait also ends with the invocation: at the Lambda's remaining time less a margin of up to
         * 1 s. When the holder fails, the waiter takes the key and runs the work. Default {@link Duration#ZERO}:
         * don't wait.
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
         * The remaining time assumed when there is no Lambda context (null, or one reporting no time left): the
         * lock of such a call lasts this long. Default 15 minutes, Lambda's longest timeout.
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
