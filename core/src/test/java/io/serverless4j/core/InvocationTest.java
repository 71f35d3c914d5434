/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class InvocationTest {

    private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @Test
    void takesTheIdsAndTheTraceHeaderFromTheContext() {
        Invocation invocation = Invocation.of(new StubContext("req-1", TRACE, Duration.ofSeconds(3)));

        assertThat(invocation.requestId()).isEqualTo("req-1");
        assertThat(invocation.functionName()).isEqualTo("orders");
        assertThat(invocation.functionVersion()).isEqualTo("$LATEST");
        assertThat(invocation.traceHeader()).isEqualTo(TRACE);
        assertThat(invocation.traceId()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(invocation.correlationId()).as("the request id when the event names none").isEqualTo("req-1");
        assertThat(invocation.withCorrelationId("order-42").correlationId()).isEqualTo("order-42");
        assertThat(invocation.withCorrelationId(" ").correlationId()).isEqualTo("req-1");
    }

    @Test
    void theTraceIdIsTheRootOfAHeaderOrABareId() {
        assertThat(Invocation.traceIdOf("Sampled=0;Root=1-abc-def")).isEqualTo("1-abc-def");
        assertThat(Invocation.traceIdOf("1-abc-def")).isEqualTo("1-abc-def");
        assertThat(Invocation.traceIdOf("Parent=53995c3f42cd8ad8")).isNull();
        assertThat(Invocation.traceIdOf(null)).isNull();
    }

    @Test
    void fallsBackToTheRuntimesSystemPropertyWhenTheContextHasNoTraceHeader() {
        String before = System.getProperty(Invocation.TRACE_HEADER_PROPERTY);
        System.setProperty(Invocation.TRACE_HEADER_PROPERTY, "Root=1-00000000-000000000000000000000001");
        try {
            Invocation invocation = Invocation.of(new StubContext("req-2", null, Duration.ofSeconds(3)));
            assertThat(invocation.traceId()).isEqualTo("1-00000000-000000000000000000000001");
        } finally {
            if (before == null) {
                System.clearProperty(Invocation.TRACE_HEADER_PROPERTY);
            } else {
                System.setProperty(Invocation.TRACE_HEADER_PROPERTY, before);
            }
        }
    }

    @Test
    void theDeadlineIsFixedWhenTheViewIsBuiltAndMeasuredOnTheContextsClock() {
        StubContext context = new StubContext("req-3", null, Duration.ofSeconds(3));
        Invocation invocation = Invocation.of(context);

        assertThat(invocation.hasDeadline()).isTrue();
        assertThat(invocation.remainingTime()).isEqualTo(Duration.ofSeconds(3));
        context.sleep(Duration.ofMillis(2_400));
        assertThat(invocation.remainingTime()).isEqualTo(Duration.ofMillis(600));
        assertThat(invocation.timeLeft(Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(100));
        assertThat(invocation.hasTimeLeft(Duration.ofMillis(500))).isTrue();
        assertThat(invocation.hasTimeLeft(Duration.ofMillis(600))).isFalse();
        context.sleep(Duration.ofSeconds(5));
        assertThat(invocation.remainingTime()).as("never negative").isZero();
        assertThat(invocation.timeLeft(Duration.ofMillis(500))).isZero();
    }

    @Test
    void aTimeLimitCanOnlyBringTheDeadlineForward() {
        StubContext context = new StubContext("req-4", null, Duration.ofSeconds(3));
        Invocation invocation = Invocation.of(context);

        assertThat(invocation.withTimeLimit(Duration.ofSeconds(1)).remainingTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(invocation.withTimeLimit(Duration.ofSeconds(10)).remainingTime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(invocation.withTimeLimit(Duration.ofSeconds(1)).requestId()).isEqualTo("req-4");
        assertThatThrownBy(() -> invocation.withTimeLimit(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outsideLambdaThereIsNoDeadlineAndNoIds() {
        Invocation none = Invocation.of(null);

        assertThat(none).isSameAs(Invocation.none());
        assertThat(none.hasDeadline()).isFalse();
        assertThat(none.requestId()).isNull();
        assertThat(none.correlationId()).isNull();
        assertThat(none.remainingTime()).isGreaterThan(Duration.ofDays(365));
        assertThat(none.timeLeft(Duration.ofSeconds(1))).isGreaterThan(Duration.ofDays(365));
        assertThat(none.withTimeLimit(Duration.ofSeconds(2)).hasDeadline()).isTrue();
        assertThat(none.withTimeLimit(Duration.ofSeconds(2)).remainingTime()).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void onlyTheEnvironmentsFirstRequestIsTheColdStartHoweverOftenItIsViewed() {
        // Other tests of this JVM may have run first: the first request id this JVM saw is the cold start.
        Invocation first = Invocation.of(new StubContext("cold-" + System.nanoTime(), null, Duration.ofSeconds(1)));
        Invocation again = Invocation.of(new StubContext(first.requestId(), null, Duration.ofSeconds(1)));
        Invocation next = Invocation.of(new StubContext("warm-" + System.nanoTime(), null, Duration.ofSeconds(1)));

        assertThat(again.coldStart()).isEqualTo(first.coldStart());
        assertThat(next.coldStart()).isFalse();
    }

    @Test
    void twoConcurrentInvocationsInOneEnvironmentNeverSeeEachOthersIds() throws Exception {
        int rounds = 200;
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                results.add(threads.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        String id = name + "-" + i;
                        Invocation invocation = Invocation.of(new StubContext(id, "Root=1-" + id, Duration.ofSeconds(3)))
                                .withCorrelationId("corr-" + id);
                        together.await(5, TimeUnit.SECONDS);
                        try (MdcScope mdc = MdcScope.open(invocation)) {
                            together.await(5, TimeUnit.SECONDS);
                            check(wrong, id, invocation.requestId(), MDC.get(MdcScope.REQUEST_ID));
                            check(wrong, "1-" + id, invocation.traceId(), MDC.get(MdcScope.TRACE_ID));
                            check(wrong, "corr-" + id, invocation.correlationId(), MDC.get(MdcScope.CORRELATION_ID));
                        }
                        if (MDC.get(MdcScope.REQUEST_ID) != null) {
                            wrong.add(id + ": the request id outlived its scope");
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void check(List<String> wrong, String expected, String fromInvocation, String fromMdc) {
        if (!expected.equals(fromInvocation) || !expected.equals(fromMdc)) {
            wrong.add("expected " + expected + ", the invocation had " + fromInvocation + ", the MDC " + fromMdc);
        }
    }
}
