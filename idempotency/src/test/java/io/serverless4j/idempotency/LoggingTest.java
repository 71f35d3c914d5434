/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.serverless4j.core.Invocation;
import io.serverless4j.core.MdcScope;
import io.serverless4j.idempotency.spi.IdempotencyRecord;
import io.serverless4j.idempotency.spi.IdempotencyStore;
import io.serverless4j.testing.TestLambdaContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the module logs, captured through logback at DEBUG: the hashed key and the request id are there, the raw
 * key and the payload never are, on every path including failures.
 */
class LoggingTest {

    private static final String RAW_KEY = "customer-4111-1111-1111-1111";
    private static final String SECRET = "card 4111 1111 1111 1111, cvv 737";

    record Payment(String key, String card) {}

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.serverless4j.idempotency");
    private Level previousLevel;
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(30));

    @BeforeEach
    void capture() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
    }

    private Idempotency.Builder builder() {
        return Idempotency.builder().store(store).keyPrefix("payments");
    }

    private static List<String> everythingLogged(List<ILoggingEvent> events) {
        List<String> texts = new ArrayList<>();
        for (ILoggingEvent event : events) {
            texts.add(event.getFormattedMessage());
            texts.addAll(event.getMDCPropertyMap().values());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        return texts;
    }

    @Test
    void everyPathLogsTheHashedKeyAndRequestIdButNeverTheRawKeyOrPayload() {
        Idempotency idempotency = builder().build();
        Payment payment = new Payment(RAW_KEY, SECRET);
        String hashed = idempotency.hashedKey(RAW_KEY);

        // Completed, then a cache hit, then a store hit from another environment.
        idempotency.execute(RAW_KEY, payment, context, String.class, () -> "paid " + SECRET);
        idempotency.execute(RAW_KEY, payment, context, String.class, () -> "never");
        builder().build().execute(RAW_KEY, payment, context, String.class, () -> "never");
        // A payload mismatch, a failing work whose message quotes the secret, a missing key run unprotected.
        assertThatThrownBy(() -> idempotency.execute(RAW_KEY, new Payment(RAW_KEY, "other " + SECRET), context,
                String.class, () -> "never")).isInstanceOf(IdempotencyPayloadMismatchException.class);
        assertThatThrownBy(() -> idempotency.execute(RAW_KEY + "-2", payment, context, String.class, () -> {
            throw new IllegalStateException("declined: " + SECRET + " for " + RAW_KEY);
        })).isInstanceOf(IllegalStateException.class);
        builder().missingKey(MissingKeyPolicy.RUN_WITHOUT_IDEMPOTENCY).build()
                .execute(null, payment, context, String.class, () -> "unprotected");

        List<ILoggingEvent> events = appender.list;
        assertThat(events).isNotEmpty();
        assertThat(everythingLogged(events)).allSatisfy(text -> assertThat(text)
                .doesNotContain(RAW_KEY).doesNotContain("4111").doesNotContain("cvv"));
        assertThat(events).filteredOn(e -> e.getFormattedMessage().contains(hashed)).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(e -> {
                    assertThat(e.getMDCPropertyMap()).containsEntry(MdcScope.IDEMPOTENCY_KEY, hashed)
                            .containsEntry(MdcScope.REQUEST_ID, context.getAwsRequestId());
                });
        assertThat(events).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("cached"));
        assertThat(events).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("stored result"));
        assertThat(events).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("IllegalStateException").contains("deleted"));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("running without idempotency").contains("'payments'");
            assertThat(e.getMDCPropertyMap()).containsEntry(MdcScope.REQUEST_ID, context.getAwsRequestId())
                    .doesNotContainKey(MdcScope.IDEMPOTENCY_KEY);
        });
    }

    @Test
    void aResultThatCannotBeStoredIsAWarningWithTheHashedKeyOnly() {
        IdempotencyStore failsOnComplete = new IdempotencyStore() {
            @Override
            public Optional<IdempotencyRecord> putInProgress(IdempotencyRecord record, Instant now,
                    Invocation invocation) {
                return store.putInProgress(record, now, invocation);
            }

            @Override
            public void complete(IdempotencyRecord record, Invocation invocation) {
                throw new IdempotencyStoreException(record.id(), "store down for " + record.id(), null);
            }

            @Override
            public void delete(String id, Invocation invocation) {
                store.delete(id, invocation);
            }

            @Override
            public Optional<IdempotencyRecord> get(String id, Invocation invocation) {
                return store.get(id, invocation);
            }
        };
        Idempotency idempotency = builder().store(failsOnComplete).build();

        assertThatThrownBy(() -> idempotency.execute(RAW_KEY, new Payment(RAW_KEY, SECRET), context, String.class,
                () -> "paid"))
                .isInstanceOfSatisfying(IdempotencyStoreException.class, e -> {
                    assertThat(e.workRan()).as("the work ran; the caller learns its result was not stored").isTrue();
                    assertThat(e.getMessage()).doesNotContain(RAW_KEY).doesNotContain("4111");
                });
        assertThat(store.record(idempotency.hashedKey(RAW_KEY)).orElseThrow().status())
                .isEqualTo(IdempotencyRecord.Status.IN_PROGRESS);
        assertThat(appender.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains(idempotency.hashedKey(RAW_KEY)).contains("IN_PROGRESS until");
        });
        assertThat(everythingLogged(appender.list)).allSatisfy(t -> assertThat(t).doesNotContain(RAW_KEY));
    }

    @Test
    void theCallersOwnMdcEntriesAreRestoredAfterACall() {
        MDC.put(MdcScope.REQUEST_ID, "outer-request");
        try {
            builder().build().execute("k", "p", context, String.class, () -> {
                assertThat(MDC.get(MdcScope.REQUEST_ID)).isEqualTo(context.getAwsRequestId());
                assertThat(MDC.get(MdcScope.IDEMPOTENCY_KEY)).startsWith("payments#");
                return "ok";
            });
            assertThat(MDC.get(MdcScope.REQUEST_ID)).isEqualTo("outer-request");
            assertThat(MDC.get(MdcScope.IDEMPOTENCY_KEY)).isNull();
        } finally {
            MDC.clear();
        }
    }

    @Test
    void exceptionMessagesNameTheHashedKeyNeverTheRawOne() {
        Idempotency idempotency = builder().build();
        idempotency.execute(RAW_KEY, Map.of("a", 1), null, String.class, () -> "x");
        assertThatThrownBy(() -> idempotency.execute(RAW_KEY, Map.of("a", 2), null, String.class, () -> "x"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(RAW_KEY)
                        .contains(idempotency.hashedKey(RAW_KEY)));
        assertThat(new IdempotencyInProgressException(idempotency.hashedKey(RAW_KEY), Instant.EPOCH).getMessage())
                .doesNotContain(RAW_KEY);
    }
}
