/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.resilience4j.retry.RetryConfig;
import io.serverless4j.core.Invocation;
import io.serverless4j.core.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * How serverless4j retries a call, and the guarantee that no call outlives the Lambda invocation: attempts,
 * a backoff after ordinary failures and a longer one after throttling, what is worth retrying, and the time kept
 * free before the deadline. Every module makes every AWS call through one of these.
 *
 * <pre>{@code
 * static final RetryPolicy POLICY = RetryPolicy.builder().maxAttempts(4).build();
 * ...
 * GetItemResponse item = POLICY.call("DynamoDB GetItem", context, attempt -> dynamoDb.getItem(r -> r
 *         .tableName("orders").key(key).overrideConfiguration(attempt.overrideConfiguration())));
 * }</pre>
 *
 * <p>The deadline, exactly: with a Lambda {@link Context}, an attempt starts only while time is left before the
 * deadline less the {@linkplain Builder#safetyMargin safety margin}, and no sooner than it can take as long as the
 * longest attempt so far; its SDK {@code apiCallTimeout} is capped by that time left
 * ({@link Attempt#overrideConfiguration()}), so a throttled, slow or silent endpoint cannot hold it longer (on a
 * {@linkplain io.serverless4j.core.Ticker#realTime() fake clock} in tests, only the attempt starts); a wait
 * is started only when the wait and another such attempt fit. Otherwise the call stops with a
 * {@link DeadlineExceededException} naming the operation, the attempts and why. Work that is not an SDK request
 * cannot be cut short: the policy then bounds only when attempts start.
 *
 * <p>The SDK's own retries are turned off for requests that use {@link Attempt#overrideConfiguration()}, so that
 * the attempts, the waits and the deadline are this policy's alone. Failures the policy does not retry come back
 * unchanged, checked ones included.
 *
 * <p>Immutable and thread-safe: build one and keep it in a {@code static final} field.
 */
public final class RetryPolicy {

    /** The error code of an entry that the deadline stopped ({@link #callEntries}). */
    public static final String DEADLINE_ERROR_CODE = "serverless4j.DeadlineExceeded";

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);
    private static final RetryPolicy DEFAULTS = new Builder().build();

    private final int maxAttempts;
    private final Backoff backoff;
    private final Backoff throttledBackoff;
    private final Predicate<Throwable> retryOn;
    private final Duration safetyMargin;
    private final long safetyMarginNanos;
    private final Duration attemptTimeout;
    private final List<RetryListener> listeners;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.backoff = builder.backoff;
        this.throttledBackoff = builder.throttledBackoff;
        this.retryOn = builder.retryOn;
        this.safetyMargin = builder.safetyMargin;
        this.safetyMarginNanos = builder.safetyMargin.toNanos();
        this.attemptTimeout = builder.attemptTimeout;
        this.listeners = List.copyOf(builder.listeners);
    }

    /**
     * The defaults: 3 attempts, {@link Backoff#standard()}, {@link Backoff#throttled()} after throttling, retry what
     * {@link AwsErrors#isRetryable} says, a 500 ms safety margin, no attempt timeout of its own.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this policy's settings, to derive a variant.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Attempts in all, including the first.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The schedule after retryable failures that are not throttling.
     *
     * @return the backoff
     */
    public Backoff backoff() {
        return backoff;
    }

    /**
     * The schedule after throttling.
     *
     * @return the backoff
     */
    public Backoff throttledBackoff() {
        return throttledBackoff;
    }

    /**
     * The time kept free before the Lambda deadline.
     *
     * @return the margin
     */
    public Duration safetyMargin() {
        return safetyMargin;
    }

    /**
     * Makes a call, retrying what is retryable while attempts and the invocation's time last.
     *
     * @param operation what is called, for messages and listeners, e.g. {@code DynamoDB PutItem}
     * @param context the Lambda context whose deadline bounds the call; null outside Lambda (no deadline)
     * @param call the call
     * @param <T> its result type
     * @param <E> the checked exception it may throw
     * @return the first successful result
     * @throws DeadlineExceededException when the deadline less the margin leaves no room for an attempt, or an
     *     attempt's SDK timeout set from the deadline fired
     * @throws RetriesExhaustedException when every attempt failed with a retryable error
     * @throws E the call's own failure, unchanged, when it is not retryable
     */
    public <T, E extends Exception> T call(String operation, Context context, AttemptCall<? extends T, E> call)
            throws E {
        return call(operation, Invocation.of(context), call);
    }

    /**
     * Makes a call within an invocation's deadline, as {@link #call(String, Context, AttemptCall)} does.
     *
     * @param operation what is called
     * @param invocation the invocation whose deadline bounds the call
     * @param call the call
     * @param <T> its result type
     * @param <E> the checked exception it may throw
     * @return the first successful result
     * @throws DeadlineExceededException when the deadline leaves no room
     * @throws RetriesExhaustedException when every attempt failed with a retryable error
     * @throws E the call's own failure, unchanged, when it is not retryable
     */
    public <T, E extends Exception> T call(String operation, Invocation invocation, AttemptCall<? extends T, E> call)
            throws E {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(call, "call");
        Run run = new Run(operation, invocation);
        Exception last = null;
        while (true) {
            Attempt attempt = run.begin();
            if (attempt == null) {
                throw run.deadline(last, 0);
            }
            try {
                return call.call(attempt);
            } catch (Exception failure) {
                run.end();
                if (attempt.isDeadlineTimeout(failure)) {
                    run.notify(RetryEvent.Kind.DEADLINE, Duration.ZERO, errorCode(failure), failure);
                    throw run.timedOut(failure);
                }
                if (!retryOn.test(failure)) {
                    throw RetryPolicy.<E>unchanged(failure);
                }
                last = failure;
                Duration wait = run.waitAfter(AwsErrors.isThrottling(failure));
                if (run.attempts >= maxAttempts) {
                    run.notify(RetryEvent.Kind.RETRIES_EXHAUSTED, Duration.ZERO, errorCode(failure), failure);
                    throw new RetriesExhaustedException(operation, run.attempts, failure);
                }
                if (!run.fits(wait)) {
                    run.notify(RetryEvent.Kind.DEADLINE, Duration.ZERO, errorCode(failure), failure);
                    throw run.deadline(failure, wait.toNanos());
                }
                run.notify(RetryEvent.Kind.RETRY, wait, errorCode(failure), failure);
                if (!run.sleep(wait)) {
                    RetriesExhaustedException interrupted = new RetriesExhaustedException(operation, run.attempts,
                            failure);
                    interrupted.addSuppressed(new InterruptedException("interrupted while waiting to retry"));
                    throw interrupted;
                }
            }
        }
    }

    /** The failure is the call's own {@code E} or unchecked: both may pass through a {@code throws E}. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E unchanged(Exception failure) {
        return (E) failure;
    }

    /**
     * Sends entries through a batch API (PutEvents, SendMessageBatch, PublishBatch, DeleteMessageBatch, ...) and
     * retries only the entries that came back failed with a retryable error, with backoff, within the deadline. A
     * request that fails as a whole is retried whole when its failure is retryable. Nothing is thrown for what the
     * service refused: the result lists every entry that failed for good, with why; entries the deadline stopped
     * carry {@link #DEADLINE_ERROR_CODE}.
     *
     * @param operation what is called, e.g. {@code EventBridge PutEvents}
     * @param invocation the invocation whose deadline bounds the sending
     * @param entries the entries of one request, in order
     * @param send sends them once
     * @param <E> the entry type
     * @return the entries that failed for good and the number of requests made
     */
    public <E> EntriesResult<E> callEntries(String operation, Invocation invocation, List<E> entries,
            EntriesCall<E> send) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(send, "send");
        Map<E, Integer> order = new IdentityHashMap<>();
        for (E entry : entries) {
            order.putIfAbsent(Objects.requireNonNull(entry, "entry"), order.size());
        }
        Run run = new Run(operation, invocation);
        List<EntriesResult.FailedEntry<E>> failed = new ArrayList<>();
        Map<E, EntryFailure<E>> lastErrors = new IdentityHashMap<>();
        List<E> pending = List.copyOf(entries);
        int requests = 0;
        while (!pending.isEmpty()) {
            Attempt attempt = run.begin();
            if (attempt == null) {
                run.notify(RetryEvent.Kind.DEADLINE, Duration.ZERO, null, null);
                stopped(pending, lastErrors, run.attempts, failed, "not sent: no time was left before the Lambda "
                        + "deadline less the safety margin of " + safetyMargin.toMillis() + " ms");
                break;
            }
            requests++;
            List<EntryFailure<E>> failures;
            try {
                failures = send.send(pending, attempt);
                run.end();
            } catch (Exception e) {
                run.end();
                if (attempt.isDeadlineTimeout(e)) {
                    run.notify(RetryEvent.Kind.DEADLINE, Duration.ZERO, errorCode(e), e);
                    stopped(pending, Map.of(), run.attempts, failed, "the request timed out at the Lambda deadline "
                            + "less the safety margin; the service may or may not have taken these entries");
                    break;
                }
                boolean retryable = retryOn.test(e);
                String code = errorCode(e);
                List<EntryFailure<E>> all = new ArrayList<>(pending.size());
                for (E entry : pending) {
                    all.add(new EntryFailure<>(entry, code, String.valueOf(e.getMessage()), retryable));
                }
                failures = all;
            }
            List<E> retry = new ArrayList<>();
            boolean throttled = false;
            EntryFailure<E> first = null;
            for (EntryFailure<E> failure : failures) {
                if (failure.retryable()) {
                    retry.add(failure.entry());
                    lastErrors.put(failure.entry(), failure);
                    throttled |= AwsErrors.categorizeCode(failure.errorCode()) == AwsErrors.Category.THROTTLING;
                    first = first == null ? failure : first;
                } else {
                    failed.add(new EntriesResult.FailedEntry<>(failure.entry(), codeOf(failure),
                            failure.errorMessage(), run.attempts));
                }
            }
            if (retry.isEmpty()) {
                break;
            }
            Duration wait = run.waitAfter(throttled);
            if (run.attempts >= maxAttempts) {
                run.notify(RetryEvent.Kind.RETRIES_EXHAUSTED, Duration.ZERO, first.errorCode(), null);
                for (E entry : retry) {
                    EntryFailure<E> lastError = lastErrors.get(entry);
                    failed.add(new EntriesResult.FailedEntry<>(entry, codeOf(lastError), lastError.errorMessage(),
                            run.attempts));
                }
                break;
            }
            if (!run.fits(wait)) {
                run.notify(RetryEvent.Kind.DEADLINE, Duration.ZERO, first.errorCode(), null);
                stopped(retry, lastErrors, run.attempts, failed, "not retried: the next wait of " + wait.toMillis()
                        + " ms and attempt would not end before the Lambda deadline less the safety margin");
                break;
            }
            run.notify(RetryEvent.Kind.RETRY, wait, first.errorCode(), null);
            if (!run.sleep(wait)) {
                for (E entry : retry) {
                    EntryFailure<E> lastError = lastErrors.get(entry);
                    failed.add(new EntriesResult.FailedEntry<>(entry, codeOf(lastError), "not retried: interrupted "
                            + "while waiting (last error: " + lastError.errorMessage() + ")", run.attempts));
                }
                break;
            }
            pending = retry;
        }
        failed.sort(Comparator.comparingInt(f -> order.getOrDefault(f.entry(), Integer.MAX_VALUE)));
        return new EntriesResult<>(failed, requests);
    }

    private static <E> String codeOf(EntryFailure<E> failure) {
        return failure.errorCode() == null ? "Unknown" : failure.errorCode();
    }

    private static <E> void stopped(List<E> entries, Map<E, EntryFailure<E>> lastErrors, int attempts,
            List<EntriesResult.FailedEntry<E>> failed, String why) {
        for (E entry : entries) {
            EntryFailure<E> last = lastErrors.get(entry);
            String message = last == null ? why
                    : why + " (last error " + last.errorCode() + ": " + last.errorMessage() + ")";
            failed.add(new EntriesResult.FailedEntry<>(entry, DEADLINE_ERROR_CODE, message, attempts));
        }
    }

    /**
     * The AWS error code of a failure, or its simple class name when it carries none.
     *
     * @param failure any throwable
     * @return the code
     */
    static String errorCode(Throwable failure) {
        if (failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return failure.getClass().getSimpleName();
    }

    /**
     * This policy as a resilience4j {@link RetryConfig}, for code that decorates calls with resilience4j: the same
     * attempts, backoffs and retry predicate. resilience4j knows no Lambda deadline: use {@link #call} where one
     * applies.
     *
     * @param <T> the result type of the decorated calls
     * @return the config
     */
    public <T> RetryConfig toRetryConfig() {
        return RetryConfig.<T>custom()
                .maxAttempts(maxAttempts)
                .retryOnException(retryOn)
                .intervalBiFunction((attempt, outcome) -> {
                    boolean throttled = outcome.isLeft() && AwsErrors.isThrottling(outcome.getLeft());
                    return (throttled ? throttledBackoff : backoff).delay(attempt).toMillis();
                })
                .build();
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts " + maxAttempts + ", " + backoff + ", throttled " + throttledBackoff
                + ", safety margin " + safetyMargin + (attemptTimeout == null ? "" : ", attempt timeout "
                + attemptTimeout) + "]";
    }

    /** The state of one call: its attempts, the longest so far, and the deadline it is held to. */
    private final class Run {
        final String operation;
        final Invocation invocation;
        final Ticker ticker;
        int attempts;
        long longestNanos;
        long startedNanos;

        Run(String operation, Invocation invocation) {
            this.operation = operation;
            this.invocation = invocation;
            this.ticker = invocation.ticker();
        }

        /** The next attempt, or null when the time left cannot hold it. */
        Attempt begin() {
            long left = invocation.timeLeftNanos(safetyMarginNanos);
            if (left <= 0 || left < longestNanos) {
                return null;
            }
            attempts++;
            startedNanos = ticker.nanoTime();
            Duration timeLeft = Duration.ofNanos(left);
            // SDK timeouts run in real time: on a fake clock the deadline decides only when attempts start.
            boolean deadlineRules = invocation.hasDeadline() && ticker.realTime()
                    && (attemptTimeout == null || timeLeft.compareTo(attemptTimeout) <= 0);
            Duration timeout = deadlineRules ? timeLeft : attemptTimeout;
            return new Attempt(attempts, timeLeft, timeout, deadlineRules);
        }

        void end() {
            longestNanos = Math.max(longestNanos, ticker.nanoTime() - startedNanos);
        }

        Duration waitAfter(boolean throttled) {
            return (throttled ? throttledBackoff : backoff).delay(Math.max(1, attempts));
        }

        boolean fits(Duration wait) {
            long left = invocation.timeLeftNanos(safetyMarginNanos);
            return left > 0 && left - wait.toNanos() >= Math.max(1, longestNanos);
        }

        boolean sleep(Duration wait) {
            try {
                ticker.sleep(wait);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void notify(RetryEvent.Kind kind, Duration wait, String errorCode, Throwable failure) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{}: attempt {} failed ({}); {}", operation, attempts, errorCode,
                        kind == RetryEvent.Kind.RETRY ? "retrying in " + wait.toMillis() + " ms" : kind);
            }
            if (listeners.isEmpty()) {
                return;
            }
            RetryEvent event = new RetryEvent(operation, kind, attempts, wait, errorCode, failure);
            for (RetryListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("a RetryListener failed on {}; ignored", event, e);
                }
            }
        }

        DeadlineExceededException deadline(Throwable last, long waitNanos) {
            Duration remaining = invocation.remainingTime();
            String why = attempts == 0
                    ? "no attempt was started: " + millis(remaining) + " remained before the Lambda deadline, no more "
                            + "than the safety margin of " + millis(safetyMargin)
                    : "stopped after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ": the next would "
                            + "wait " + millis(Duration.ofNanos(waitNanos)) + " and take about "
                            + millis(Duration.ofNanos(longestNanos)) + " (the longest attempt so far), but only "
                            + millis(remaining) + " remained before the Lambda deadline, and " + millis(safetyMargin)
                            + " of it is kept as a safety margin";
            return new DeadlineExceededException(operation + ": " + why
                    + (last == null ? "" : "; the last failure: " + last), operation, attempts, remaining, last);
        }

        DeadlineExceededException timedOut(Throwable failure) {
            Duration remaining = invocation.remainingTime();
            return new DeadlineExceededException(operation + ": attempt " + attempts + " did not finish before the "
                    + "Lambda deadline less the safety margin of " + millis(safetyMargin) + " (" + millis(remaining)
                    + " remained when it was cut off); the service may or may not have done it", operation, attempts,
                    remaining, failure);
        }

        private String millis(Duration duration) {
            return duration.toMillis() + " ms";
        }
    }

    /** Builds a {@link RetryPolicy}; not thread-safe, use it on one thread. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Backoff backoff = Backoff.standard();
        private Backoff throttledBackoff = Backoff.throttled();
        private Predicate<Throwable> retryOn = AwsErrors::isRetryable;
        private Duration safetyMargin = Duration.ofMillis(500);
        private Duration attemptTimeout;
        private final List<RetryListener> listeners = new ArrayList<>();

        private Builder() {}

        private Builder(RetryPolicy from) {
            this.maxAttempts = from.maxAttempts;
            this.backoff = from.backoff;
            this.throttledBackoff = from.throttledBackoff;
            this.retryOn = from.retryOn;
            this.safetyMargin = from.safetyMargin;
            this.attemptTimeout = from.attemptTimeout;
            this.listeners.addAll(from.listeners);
        }

        /**
         * Attempts in all, including the first. Default 3.
         *
         * @param maxAttempts at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = Settings.maxAttempts(maxAttempts);
            return this;
        }

        /**
         * The schedule after retryable failures that are not throttling. Default {@link Backoff#standard()}.
         *
         * @param backoff the schedule
         * @return this builder
         */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * The schedule after throttling. Default {@link Backoff#throttled()}.
         *
         * @param throttledBackoff the schedule
         * @return this builder
         */
        public Builder throttledBackoff(Backoff throttledBackoff) {
            this.throttledBackoff = Objects.requireNonNull(throttledBackoff, "throttledBackoff");
            return this;
        }

        /**
         * Which failures to retry; others come back unchanged. Default {@link AwsErrors#isRetryable}.
         *
         * @param retryOn the predicate
         * @return this builder
         */
        public Builder retryOn(Predicate<Throwable> retryOn) {
            this.retryOn = Objects.requireNonNull(retryOn, "retryOn");
            return this;
        }

        /**
         * Time kept free before the Lambda deadline, for reporting the failure and returning. Default 500 ms.
         *
         * @param safetyMargin zero or more
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder safetyMargin(Duration safetyMargin) {
            this.safetyMargin = Settings.safetyMargin(safetyMargin);
            return this;
        }

        /**
         * The longest one attempt may take, also outside Lambda; within Lambda the time left caps it further.
         * Default: none (only the deadline). A timed-out attempt is retried like any transient failure.
         *
         * @param attemptTimeout positive
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder attemptTimeout(Duration attemptTimeout) {
            Objects.requireNonNull(attemptTimeout, "attemptTimeout");
            if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
                throw new IllegalArgumentException("attemptTimeout must be positive, was " + attemptTimeout);
            }
            this.attemptTimeout = attemptTimeout;
            return this;
        }

        /**
         * Adds a listener that hears every retry decision.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(RetryListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the immutable policy.
         *
         * @return the policy
         */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
