/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.core;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Lambda invocation as every serverless4j module sees it: the request id, the function's name and version,
 * the <strong>deadline</strong> (when it was built: now plus the context's remaining time), the X-Ray trace header,
 * a correlation id, and whether this is the execution environment's first invocation.
 *
 * <pre>{@code
 * Invocation invocation = Invocation.of(context);
 * if (!invocation.hasTimeLeft(Duration.ofSeconds(1))) { ... hand the rest back ... }
 * }</pre>
 *
 * <p>Every entry point that runs inside an invocation builds one from the {@link Context} it is given; nothing
 * of it is ever kept in a static field, because the Java runtime may run several invocations at once in one
 * environment ({@code AWS_LAMBDA_MAX_CONCURRENCY}). This class holds the one remaining-time computation of the
 * project: every module asks it rather than the context.
 *
 * <p>The trace header is the invocation's own: {@code Context.getXrayTraceId()} where the runtime gives it, else the
 * {@code com.amazonaws.xray.traceHeader} system property, else the {@code _X_AMZN_TRACE_ID} environment variable
 * (the last two are per environment, right only while one invocation runs at a time).
 *
 * <p>Immutable and thread-safe.
 */
public final class Invocation {

    /** The system property the Java runtime sets to the current trace header. */
    public static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    /** The environment variable Lambda sets to the trace header. */
    public static final String TRACE_HEADER_ENV = "_X_AMZN_TRACE_ID";

    /** No deadline: a reading far beyond any invocation, yet far from overflowing when margins are added. */
    private static final long NO_DEADLINE = Long.MAX_VALUE / 4;
    /** The first request id this environment saw: the one invocation that is the cold start. */
    private static final AtomicReference<String> FIRST_REQUEST_ID = new AtomicReference<>();
    private static final Invocation NONE = new Invocation(null, null, null, null, null, null, false, Ticker.system(),
            Long.MAX_VALUE);

    private final Context context;
    private final String requestId;
    private final String functionName;
    private final String functionVersion;
    private final String traceHeader;
    private final String correlationId;
    private final boolean coldStart;
    private final Ticker ticker;
    /** On {@link #ticker}; {@link Long#MAX_VALUE} when there is no deadline. */
    private final long deadlineNanos;

    private Invocation(Context context, String requestId, String functionName, String functionVersion,
            String traceHeader, String correlationId, boolean coldStart, Ticker ticker, long deadlineNanos) {
        this.context = context;
        this.requestId = requestId;
        this.functionName = functionName;
        this.functionVersion = functionVersion;
        this.traceHeader = traceHeader;
        this.correlationId = correlationId;
        this.coldStart = coldStart;
        this.ticker = ticker;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * The invocation a Lambda context stands for. A context that also implements {@link Ticker} (as the testing
     * module's fake-clock context does) is its own clock; any other is measured on {@link Ticker#system()}.
     *
     * @param context the context Lambda passed to the handler; null outside Lambda gives {@link #none()}
     * @return the invocation, with its deadline fixed now
     */
    public static Invocation of(Context context) {
        if (context == null) {
            return NONE;
        }
        Ticker ticker = context instanceof Ticker own ? own : Ticker.system();
        long now = ticker.nanoTime();
        long deadline = now + Math.max(0, context.getRemainingTimeInMillis()) * 1_000_000L;
        String requestId = context.getAwsRequestId();
        boolean coldStart = false;
        if (requestId != null) {
            FIRST_REQUEST_ID.compareAndSet(null, requestId);
            coldStart = requestId.equals(FIRST_REQUEST_ID.get());
        }
        return new Invocation(context, requestId, context.getFunctionName(), context.getFunctionVersion(),
                traceHeaderOf(context), null, coldStart, ticker, deadline);
    }

    /**
     * Outside Lambda (a unit test, a command line, a container): no context, no ids, no deadline.
     *
     * @return the invocation-less view
     */
    public static Invocation none() {
        return NONE;
    }

    /**
     * Outside Lambda, on a given clock: no ids, no deadline; waits pass on {@code ticker}.
     *
     * @param ticker the clock
     * @return the view
     */
    public static Invocation none(Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker");
        return new Invocation(null, null, null, null, null, null, false, ticker, Long.MAX_VALUE);
    }

    private static String traceHeaderOf(Context context) {
        String header = null;
        try {
            header = context.getXrayTraceId();
        } catch (RuntimeException | LinkageError olderInterface) {
            // A runtime whose Context interface predates getXrayTraceId (aws-lambda-java-core before 1.3): fall back.
        }
        if (header == null || header.isBlank()) {
            header = System.getProperty(TRACE_HEADER_PROPERTY);
        }
        if (header == null || header.isBlank()) {
            header = System.getenv(TRACE_HEADER_ENV);
        }
        return header == null || header.isBlank() ? null : header;
    }

    /**
     * The Lambda context this view was built from.
     *
     * @return the context, or null outside Lambda
     */
    public Context context() {
        return context;
    }

    /**
     * The Lambda request id ({@code awsRequestId}).
     *
     * @return the id, or null outside Lambda
     */
    public String requestId() {
        return requestId;
    }

    /**
     * The function's name.
     *
     * @return the name, or null outside Lambda
     */
    public String functionName() {
        return functionName;
    }

    /**
     * The function's version ({@code $LATEST} or a number).
     *
     * @return the version, or null outside Lambda
     */
    public String functionVersion() {
        return functionVersion;
    }

    /**
     * The X-Ray trace header of this invocation, e.g.
     * {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}: what a message sent on
     * behalf of this invocation carries so the trace goes on.
     *
     * @return the header, or null when none is known
     */
    public String traceHeader() {
        return traceHeader;
    }

    /**
     * The trace id: the {@code Root} of the trace header ({@code 1-5759e988-bd862e3fe1be46a994272793}).
     *
     * @return the trace id, or null when no trace header is known
     */
    public String traceId() {
        return traceIdOf(traceHeader);
    }

    /**
     * The {@code Root} of an X-Ray trace header; a value without fields is taken as the trace id itself.
     *
     * @param traceHeader a header such as {@code Root=1-...;Parent=...;Sampled=1}, or null
     * @return the trace id, or null when there is none
     */
    public static String traceIdOf(String traceHeader) {
        if (traceHeader == null || traceHeader.isBlank()) {
            return null;
        }
        if (traceHeader.indexOf('=') < 0) {
            return traceHeader.strip();
        }
        for (String field : traceHeader.split(";")) {
            String trimmed = field.strip();
            if (trimmed.startsWith("Root=")) {
                String root = trimmed.substring("Root=".length());
                return root.isEmpty() ? null : root;
            }
        }
        return null;
    }

    /**
     * The id that ties this invocation's work to the request that caused it, across services: the one set with
     * {@link #withCorrelationId} (taken from the event: an HTTP header, a message attribute, an EventBridge detail
     * field), else the request id.
     *
     * @return the correlation id, or null outside Lambda when none was set
     */
    public String correlationId() {
        return correlationId != null ? correlationId : requestId;
    }

    /**
     * Whether this is the first invocation this execution environment (this JVM) has run: its cold start.
     *
     * @return true for the first invocation
     */
    public boolean coldStart() {
        return coldStart;
    }

    /**
     * Whether the invocation has a deadline (false outside Lambda).
     *
     * @return true inside Lambda
     */
    public boolean hasDeadline() {
        return deadlineNanos != Long.MAX_VALUE;
    }

    /**
     * The time left until the deadline, never negative; outside Lambda a duration longer than any invocation.
     *
     * @return the remaining time
     */
    public Duration remainingTime() {
        return Duration.ofNanos(remainingNanos());
    }

    /**
     * The time left once {@code margin} is kept free before the deadline, never negative.
     *
     * @param margin the time to keep free, for answering and reporting
     * @return the remaining time less the margin, or zero
     */
    public Duration timeLeft(Duration margin) {
        return Duration.ofNanos(timeLeftNanos(margin.toNanos()));
    }

    /**
     * Whether any time is left once {@code margin} is kept free before the deadline.
     *
     * @param margin the time to keep free
     * @return true while the deadline less the margin lies ahead
     */
    public boolean hasTimeLeft(Duration margin) {
        return timeLeftNanos(margin.toNanos()) > 0;
    }

    /**
     * The nanoseconds left once {@code marginNanos} is kept free, never negative: {@link #timeLeft} without
     * allocating, for per-record checks on hot paths.
     *
     * @param marginNanos the margin in nanoseconds, zero or more
     * @return the time left in nanoseconds
     */
    public long timeLeftNanos(long marginNanos) {
        return Math.max(0, remainingNanos() - marginNanos);
    }

    private long remainingNanos() {
        if (deadlineNanos == Long.MAX_VALUE) {
            return NO_DEADLINE;
        }
        return Math.max(0, deadlineNanos - ticker.nanoTime());
    }

    /**
     * The clock the deadline is measured on and waits pass on.
     *
     * @return the ticker
     */
    public Ticker ticker() {
        return ticker;
    }

    /**
     * This invocation with a correlation id taken from its event.
     *
     * @param correlationId the id; null or blank keeps the current one
     * @return a view with that id (this one when it does not change)
     */
    public Invocation withCorrelationId(String correlationId) {
        if (correlationId == null || correlationId.isBlank() || correlationId.equals(this.correlationId)) {
            return this;
        }
        return new Invocation(context, requestId, functionName, functionVersion, traceHeader, correlationId,
                coldStart, ticker, deadlineNanos);
    }

    /**
     * This invocation with a deadline no later than {@code limit} from now: for a part of the work that must end
     * sooner than the invocation (a bounded wait, a time-limited replay).
     *
     * @param limit the longest the part may take, zero or more
     * @return a view with the earlier of the two deadlines
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Invocation withTimeLimit(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        long now = ticker.nanoTime();
        long limitNanos = limit.compareTo(Duration.ofNanos(NO_DEADLINE)) >= 0 ? NO_DEADLINE : limit.toNanos();
        long limited = now + limitNanos;
        if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - limited <= 0) {
            return this;
        }
        return new Invocation(context, requestId, functionName, functionVersion, traceHeader, correlationId,
                coldStart, ticker, limited);
    }

    @Override
    public String toString() {
        return "Invocation[requestId=" + requestId + ", function=" + functionName + ":" + functionVersion
                + ", traceId=" + traceId() + ", correlationId=" + correlationId() + ", coldStart=" + coldStart
                + ", remaining=" + (hasDeadline() ? remainingTime().toMillis() + " ms" : "no deadline") + "]";
    }
}
