/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.core.CheckedRunnable;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.idempotency.spi.IdempotencyRecord.Status;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.testing.events.SqsEvents;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Idempotency#oncePerMessage}, the ready SQS record decorator, keyed on the replay-stable message id. */
class OncePerMessageTest {

    /** The batch module's decorator, spelled out here: idempotency does not depend on batch. */
    @FunctionalInterface
    interface RecordDecorator {
        void handle(SqsMessage message, Context context, CheckedRunnable<Exception> next) throws Exception;
    }

    private static final String BODY = "{\"orderId\":\"o-1\",\"amount\":42}";

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final AtomicInteger processed = new AtomicInteger();
    private final Idempotency idempotency = Idempotency.builder().store(store).keyPrefix("orders-worker")
            .localCacheMaxEntries(0).build();
    private final RecordDecorator decorator = idempotency::oncePerMessage;

    private static SqsMessage replayOf(SqsMessage original, String body) {
        return SqsEvents.message(body, Map.of(SqsMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE, original.originalMessageId()));
    }

    @Test
    void aMessageReplayedFromTheDlqWithANewMessageIdIsNotProcessedTwice() throws Exception {
        SqsMessage original = SqsEvents.message(BODY, Map.of());
        SqsMessage replayed = replayOf(original, BODY);
        assertThat(replayed.messageId()).isNotEqualTo(original.messageId());

        decorator.handle(original, null, processed::incrementAndGet);
        decorator.handle(replayed, null, processed::incrementAndGet);
        decorator.handle(replayOf(replayed, BODY), null, processed::incrementAndGet);

        assertThat(processed).hasValue(1);
        assertThat(store.record(idempotency.hashedKey(original.messageId())).orElseThrow().status())
                .isEqualTo(Status.COMPLETED);
    }

    @Test
    void anotherBodyUnderTheSameOriginalIdFailsTheRecordWithoutProcessingIt() throws Exception {
        SqsMessage original = SqsEvents.message(BODY, Map.of());
        decorator.handle(original, null, processed::incrementAndGet);

        SqsMessage edited = replayOf(original, "{\"orderId\":\"o-1\",\"amount\":43}");
        assertThatThrownBy(() -> decorator.handle(edited, null, processed::incrementAndGet))
                .isInstanceOf(IdempotencyPayloadMismatchException.class);
        assertThat(processed).hasValue(1);
    }

    @Test
    void theBodyIsComparedAsJsonSoAReplayWithOtherSpacingIsTheSameMessage() throws Exception {
        SqsMessage original = SqsEvents.message(BODY, Map.of());
        decorator.handle(original, null, processed::incrementAndGet);
        decorator.handle(replayOf(original, "{ \"amount\": 42, \"orderId\": \"o-1\" }"), null,
                processed::incrementAndGet);
        assertThat(processed).hasValue(1);
    }

    @Test
    void aFailureOfTheHandlerComesBackUnchangedAndItsRedeliveryIsProcessed() throws Exception {
        SqsMessage message = SqsEvents.message(BODY, Map.of());
        IOException downstream = new IOException("downstream unavailable");

        assertThatThrownBy(() -> decorator.handle(message, null, () -> {
            throw downstream;
        })).isSameAs(downstream);
        decorator.handle(message, null, processed::incrementAndGet);

        assertThat(processed).hasValue(1);
    }

    @Test
    void aMessageBeingProcessedElsewhereFailsWithInProgressAndIsNotProcessed() throws Exception {
        SqsMessage original = SqsEvents.message(BODY, Map.of());

        decorator.handle(original, null, () -> {
            processed.incrementAndGet();
            // While the first delivery holds the key, its replay arrives.
            assertThatThrownBy(() -> decorator.handle(replayOf(original, BODY), null, processed::incrementAndGet))
                    .isInstanceOf(IdempotencyInProgressException.class);
        });

        assertThat(processed).hasValue(1);
    }

    @Test
    void whenTheWorkRanButItsCompletionCouldNotBeStoredTheMessageIsAcknowledged() throws Exception {
        SqsMessage message = SqsEvents.message(BODY, Map.of());
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(5));

        // No exception: the record succeeds, so SQS does not deliver it again to run the work a second time.
        decorator.handle(message, context, () -> {
            processed.incrementAndGet();
            context.advance(Duration.ofMillis(4_800));
        });

        assertThat(processed).hasValue(1);
        assertThat(store.record(idempotency.hashedKey(message.messageId())).orElseThrow().status())
                .as("locked until the deadline, as any uncompleted run").isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void aMessageWithNothingToTakeTheKeyWithFailsWithTheDeadlineErrorUnprocessed() {
        SqsMessage message = SqsEvents.message(BODY, Map.of());
        assertThatThrownBy(() -> decorator.handle(message, TestLambdaContext.onFakeClock(Duration.ofMillis(100)),
                processed::incrementAndGet)).isInstanceOfSatisfying(IdempotencyDeadlineException.class,
                        e -> assertThat(e.workRan()).isFalse());
        assertThat(processed).hasValue(0);
    }
}
