/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import io.serverless4j.testing.SqsQueues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.serverless4j.core.MdcScope;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.TestLambdaContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** DlqReplayer against ElasticMQ through the real SDK client. */
@ExtendWith(LocalAws.class)
class DlqReplayerIT {

    private static DlqReplayer.Builder replayer(SqsClient sqs, String dlqUrl) {
        return DlqReplayer.builder().sqsClient(sqs).dlqUrl(dlqUrl).visibilityTimeout(Duration.ofSeconds(5));
    }

    @Test
    void movesEveryMessageToTheQueueWhoseRedrivePolicyNamesTheDlqAndEmptiesTheDlq(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "auto");
        List<String> bodies = SqsQueues.bodies("order", 57);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);

        DlqReplayReport report = replayer(sqs, queues.dlqUrl()).build().replay();

        assertThat(report.targetQueueUrl()).isEqualTo(queues.sourceUrl());
        assertThat(report.moved()).isEqualTo(57);
        assertThat(report.received()).isEqualTo(57);
        assertThat(report.allSucceeded()).isTrue();
        assertThat(report.stopReason()).isEqualTo(DlqReplayReport.StopReason.EMPTY);
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(0, 0);
    }

    @Test
    void failsNamingWhatToDoWhenNoQueueNamesTheDlq(SqsClient sqs) {
        String dlq = SqsQueues.create(sqs, "orphan-dlq");
        SqsQueues.sendBodies(sqs, dlq, List.of("a"));

        assertThatThrownBy(() -> replayer(sqs, dlq).build().replay())
                .isInstanceOf(DlqTargetNotFoundException.class)
                .hasMessageContaining(dlq).hasMessageContaining("--to");
        assertThat(SqsQueues.counts(sqs, dlq)).containsExactly(1, 0);
    }

    @Test
    void failsListingEveryCandidateWhenSeveralQueuesNameTheDlq(SqsClient sqs) {
        String dlq = SqsQueues.create(sqs, "shared-dlq");
        String first = SqsQueues.withRedrive(sqs, "first", dlq, 3);
        String second = SqsQueues.withRedrive(sqs, "second", dlq, 3);
        SqsQueues.sendBodies(sqs, dlq, List.of("a"));

        assertThatThrownBy(() -> replayer(sqs, dlq).build().replay())
                .isInstanceOfSatisfying(DlqAmbiguousTargetException.class,
                        e -> assertThat(e.candidates()).containsExactlyInAnyOrder(first, second))
                .hasMessageContaining(first).hasMessageContaining(second).hasMessageContaining("name the one");
        assertThat(SqsQueues.counts(sqs, dlq)).containsExactly(1, 0);
    }

    @Test
    void abortsNamingTheQueueWhenTheDlqDoesNotExist(SqsClient sqs) {
        String missing = SqsQueues.create(sqs, "x").replaceAll("x-[^/]+$", "no-such-queue");

        assertThatThrownBy(() -> replayer(sqs, missing).targetQueueUrl(SqsQueues.create(sqs, "t")).build().replay())
                .isInstanceOfSatisfying(DlqReplayAbortedException.class, e -> {
                    assertThat(e.report().moved()).isZero();
                    assertThat(e.report().stopReason()).isEqualTo(DlqReplayReport.StopReason.ABORTED);
                })
                .hasMessageContaining(missing);
    }

    @Test
    void movesOnlyWhatTheJsonPointerFilterMatchesAndLeavesTheRestVisibleInTheDlq(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "filter");
        List<String> placed = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String type = i % 3 == 0 ? "OrderPlaced" : "OrderCancelled";
            String body = "{\"type\":\"" + type + "\",\"n\":" + i + "}";
            (i % 3 == 0 ? placed : others).add(body);
        }
        others.add("not json at all");
        List<String> all = new ArrayList<>(placed);
        all.addAll(others);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), all);

        DlqReplayReport report = replayer(sqs, queues.dlqUrl())
                .filter(DlqFilters.jsonPointerEquals("/type", "OrderPlaced")).build().replay();

        assertThat(report.moved()).isEqualTo(placed.size());
        assertThat(report.skippedByFilter()).isEqualTo(others.size());
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(placed);
        // Skipped messages are visible again as soon as the replay ends, not after their visibility timeout.
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(others.size(), 0);
        assertThat(SqsQueues.drain(sqs, queues.dlqUrl())).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(others);
    }

    @Test
    void dryRunCountsAndSamplesButSendsNothingAndLeavesTheDlqAsItWas(SqsClient sqs, CallRecorder calls) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "dry");
        List<String> bodies = SqsQueues.bodies("order", 25).stream()
                .map(id -> "{\"type\":\"OrderPlaced\",\"id\":\"" + id + "\"}").collect(Collectors.toList());
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), List.of("{\"type\":\"Other\"}"));
        calls.reset();

        DlqReplayReport report = replayer(sqs, queues.dlqUrl()).dryRun(true).sampleSize(3)
                .filter(DlqFilters.jsonPointerEquals("/type", "OrderPlaced")).build().replay();

        assertThat(report.dryRun()).isTrue();
        assertThat(report.moved()).isEqualTo(25);
        assertThat(report.skippedByFilter()).isEqualTo(1);
        assertThat(report.samples()).hasSize(3).allSatisfy(sample -> {
            assertThat(bodies).contains(sample.body());
            assertThat(sample.messageAttributes().get(DlqMessage.REPLAY_COUNT_ATTRIBUTE).stringValue())
                    .isEqualTo("1");
            assertThat(sample.messageAttributes().get(DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE).stringValue())
                    .isEqualTo(sample.messageId());
        });
        assertThat(calls.calls("SendMessageBatch")).isZero();
        assertThat(calls.calls("DeleteMessageBatch")).isZero();
        assertThat(calls.calls("DeleteMessage")).isZero();
        assertThat(SqsQueues.counts(sqs, queues.sourceUrl())).containsExactly(0, 0);
        // Everything is visible again at once, with the same bodies and no replay attributes added.
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(26, 0);
        List<Message> after = SqsQueues.drain(sqs, queues.dlqUrl());
        assertThat(after).extracting(Message::body).hasSize(26).containsAll(bodies);
        assertThat(after).allSatisfy(m -> assertThat(m.messageAttributes()).isEmpty());
    }

    @Test
    void keepsMessageAttributesAndAddsTheOriginalIdAndReplayCount(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "attrs");
        Map<String, MessageAttributeValue> attributes = Map.of(
                "tenant", SqsQueues.string("acme"),
                "priority", MessageAttributeValue.builder().dataType("Number").stringValue("7").build(),
                "signature", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(software.amazon.awssdk.core.SdkBytes.fromUtf8String("sig")).build());
        String id = sqs.sendMessage(b -> b.queueUrl(queues.dlqUrl()).messageBody("payload")
                .messageAttributes(attributes)).messageId();

        replayer(sqs, queues.dlqUrl()).build().replay();

        Message moved = SqsQueues.drain(sqs, queues.sourceUrl()).get(0);
        assertThat(moved.body()).isEqualTo("payload");
        assertThat(moved.messageId()).isNotEqualTo(id);
        assertThat(moved.messageAttributes()).containsAllEntriesOf(attributes);
        assertThat(moved.messageAttributes().get(DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE).stringValue())
                .isEqualTo(id);
        assertThat(moved.messageAttributes().get(DlqMessage.REPLAY_COUNT_ATTRIBUTE))
                .isEqualTo(MessageAttributeValue.builder().dataType("Number").stringValue("1").build());
    }

    @Test
    void keepsTheOriginalMessageIdAcrossTwoReplaysAndCountsThem(SqsClient sqs) {
        String dlq = SqsQueues.create(sqs, "twice-dlq");
        // maxReceiveCount 1: a consumer that receives without deleting sends it straight back to the DLQ.
        String source = SqsQueues.withRedrive(sqs, "twice", dlq, 1);
        String original = sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("poison")).messageId();
        DlqReplayer replayer = replayer(sqs, dlq).build();

        replayer.replay();
        failOnce(sqs, source);
        replayer.replay();

        Message second = SqsQueues.drain(sqs, source).get(0);
        assertThat(second.messageAttributes().get(DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE).stringValue())
                .isEqualTo(original);
        assertThat(second.messageAttributes().get(DlqMessage.REPLAY_COUNT_ATTRIBUTE).stringValue()).isEqualTo("2");
    }

    @Test
    void keepsMessagesReplayedTooOftenInTheDlqAndReportsThem(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "limit");
        String tired = sqs.sendMessage(b -> b.queueUrl(queues.dlqUrl()).messageBody("tired").messageAttributes(Map.of(
                DlqMessage.REPLAY_COUNT_ATTRIBUTE, MessageAttributeValue.builder().dataType("Number")
                        .stringValue("2").build(),
                DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE, SqsQueues.string("first-id")))).messageId();
        sqs.sendMessage(b -> b.queueUrl(queues.dlqUrl()).messageBody("fresh").messageAttributes(Map.of(
                DlqMessage.REPLAY_COUNT_ATTRIBUTE, MessageAttributeValue.builder().dataType("Number")
                        .stringValue("1").build())));

        DlqReplayReport report = replayer(sqs, queues.dlqUrl()).maxReplayCount(2).build().replay();

        assertThat(report.moved()).isEqualTo(1);
        assertThat(report.allSucceeded()).isFalse();
        assertThat(report.keptOverReplayLimit()).singleElement().satisfies(kept -> {
            assertThat(kept.messageId()).isEqualTo(tired);
            assertThat(kept.originalMessageId()).isEqualTo("first-id");
            assertThat(kept.reason()).contains("replayed 2 times").contains("limit 2");
        });
        assertThat(SqsQueues.drain(sqs, queues.dlqUrl())).extracting(Message::body).containsExactly("tired");
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).singleElement().satisfies(m -> assertThat(
                m.messageAttributes().get(DlqMessage.REPLAY_COUNT_ATTRIBUTE).stringValue()).isEqualTo("2"));
    }

    @Test
    void failsAMessageThatWouldExceedTenAttributesInsteadOfDroppingAny(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "tenattrs");
        Map<String, MessageAttributeValue> nine = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("a" + i, SqsQueues.string("v" + i));
        }
        Map<String, MessageAttributeValue> eight = new HashMap<>(nine);
        eight.remove("a8");
        String crowded = sqs.sendMessage(b -> b.queueUrl(queues.dlqUrl()).messageBody("crowded")
                .messageAttributes(nine)).messageId();
        sqs.sendMessage(b -> b.queueUrl(queues.dlqUrl()).messageBody("roomy").messageAttributes(eight));

        DlqReplayReport report = replayer(sqs, queues.dlqUrl()).build().replay();

        assertThat(report.moved()).isEqualTo(1);
        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.messageId()).isEqualTo(crowded);
            assertThat(f.reason()).contains(crowded).contains("limit of 10").contains("no attribute was dropped");
        });
        List<Message> left = SqsQueues.drain(sqs, queues.dlqUrl());
        assertThat(left).extracting(Message::body).containsExactly("crowded");
        assertThat(left.get(0).messageAttributes()).isEqualTo(nine);
        Message moved = SqsQueues.drain(sqs, queues.sourceUrl()).get(0);
        assertThat(moved.messageAttributes()).hasSize(10).containsAllEntriesOf(eight);
    }

    @Test
    void leavesMessagesTheTargetRejectsInTheDlqWithoutResendingThem(SqsClient sqs, CallRecorder calls) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "rejected");
        List<String> bodies = SqsQueues.bodies("m", 20);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);
        calls.reset();

        // A transform bug: a NUL character, which SQS refuses per entry (InvalidMessageContents, sender fault).
        DlqReplayReport report = replayer(sqs, queues.dlqUrl()).workers(1)
                .transform(m -> m.body().endsWith("3") ? m.withBody(m.body() + "\u0000") : m).build().replay();

        List<String> bad = bodies.stream().filter(b -> b.endsWith("3")).collect(Collectors.toList());
        assertThat(report.moved()).isEqualTo(18);
        assertThat(report.failed()).hasSize(2).allSatisfy(f -> assertThat(f.reason())
                .contains("rejected").contains("InvalidMessageContents").contains("stays in the DLQ"));
        assertThat(calls.calls("SendMessageBatch")).isEqualTo(2);
        assertThat(SqsQueues.drain(sqs, queues.dlqUrl())).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(bad);
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).extracting(Message::body).hasSize(18)
                .doesNotContainAnyElementsOf(bad);
    }

    @Test
    void aPerRunTimeLimitStopsThatRunAndLeavesTheRestInTheDlq(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "per-run-limit");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), SqsQueues.bodies("m", 40));
        // 10 messages a second: 40 messages need 4 s; this run may take 1.5 s.
        DlqReplayer replayer = replayer(sqs, queues.dlqUrl()).maxMessagesPerSecond(10).workers(1).build();

        DlqReplayReport report = replayer.toBuilder().timeLimit(Duration.ofMillis(1500)).build().replay();

        assertThat(report.stopReason()).isEqualTo(DlqReplayReport.StopReason.TIME_LIMIT);
        assertThat(report.moved()).isBetween(1L, 39L);
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).hasSize((int) report.moved());
        int[] left = SqsQueues.counts(sqs, queues.dlqUrl());
        assertThat(left[0] + left[1])
                .isEqualTo(40 - (int) report.moved());
        assertThat(replayer.dlqUrl()).isEqualTo(queues.dlqUrl());
        assertThat(replayer.targetQueueUrl()).isEmpty();
    }

    @Test
    void movesAtMostMaxMessages(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "max");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), SqsQueues.bodies("m", 43));

        DlqReplayReport report = replayer(sqs, queues.dlqUrl()).maxMessages(25).workers(3).build().replay();

        assertThat(report.moved()).isEqualTo(25);
        assertThat(report.stopReason()).isEqualTo(DlqReplayReport.StopReason.MAX_MESSAGES);
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).hasSize(25);
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(18, 0);
    }

    @Test
    void staysUnderTheRateLimit(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "rate");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), SqsQueues.bodies("m", 60));

        DlqReplayReport report = replayer(sqs, queues.dlqUrl()).maxMessagesPerSecond(40).workers(4)
                .receiveWaitTime(Duration.ZERO).build().replay();

        assertThat(report.moved()).isEqualTo(60);
        // 10 messages may go at once, the other 50 at 40/s: at least 1.25 s.
        assertThat(report.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
        assertThat(report.messagesPerSecond()).isLessThanOrEqualTo(50);
    }

    @Test
    void toBuilderDerivesAChangedCopyWithoutChangingTheOriginal(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "derive");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), List.of("a", "b"));
        DlqReplayer real = replayer(sqs, queues.dlqUrl()).build();

        DlqReplayReport dry = real.toBuilder().dryRun(true).build().replay();
        DlqReplayReport moved = real.replay();

        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.moved()).isEqualTo(2);
        assertThat(moved.dryRun()).isFalse();
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).hasSize(2);
    }

    @Test
    void logsAMessageThatFailsWithTheRequestIdAndTheMessageIdInTheMdcButNotItsContent(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "mdc");
        String id = sqs.sendMessage(b -> b.queueUrl(queues.dlqUrl()).messageBody("card 4111")).messageId();
        Logger logger = (Logger) LoggerFactory.getLogger(DlqReplayer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        DlqReplayReport report;
        try {
            report = replayer(sqs, queues.dlqUrl())
                    .transform(m -> {
                        throw new IllegalArgumentException("cannot parse " + m.body());
                    })
                    .build().replay(TestLambdaContext.withRemainingTime(Duration.ofSeconds(30))
                            .withRequestId("req-42"));
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(report.failed()).singleElement().satisfies(f -> assertThat(f.reason()).contains("card 4111"));
        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement().satisfies(event -> {
            assertThat(event.getMDCPropertyMap()).containsEntry(MdcScope.REQUEST_ID, "req-42")
                    .containsEntry(MdcScope.MESSAGE_ID, id);
            assertThat(event.getFormattedMessage()).contains(id).contains("IllegalArgumentException")
                    .doesNotContain("card 4111");
        });
        assertThat(org.slf4j.MDC.get(MdcScope.REQUEST_ID)).as("restored after the replay").isNull();
    }

    @Test
    void aReplayInAnInvocationWithTimeEnoughIsTheSameAsOneOutsideLambda(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "in-lambda");
        List<String> bodies = SqsQueues.bodies("m", 25);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);

        DlqReplayReport report = replayer(sqs, queues.dlqUrl()).build()
                .replay(TestLambdaContext.withRemainingTime(Duration.ofMinutes(1)));

        assertThat(report.stopReason()).isEqualTo(DlqReplayReport.StopReason.EMPTY);
        assertThat(report.moved()).isEqualTo(25);
        DlqReplayDeadlineIT.assertAccountedFor(report);
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(bodies);
    }

    /** Receives a message from {@code source} twice without deleting it, as a failing consumer does. */
    static void failOnce(SqsClient sqs, String source) {
        assertThat(sqs.receiveMessage(b -> b.queueUrl(source).visibilityTimeout(0).waitTimeSeconds(1)).messages())
                .hasSize(1);
        // The next receive finds the receive count over maxReceiveCount and moves the message to the DLQ.
        assertThat(sqs.receiveMessage(b -> b.queueUrl(source).visibilityTimeout(0)).messages()).isEmpty();
    }

    static SendMessageBatchRequestEntry entry(String id, String body) {
        return SendMessageBatchRequestEntry.builder().id(id).messageBody(body).build();
    }
}
