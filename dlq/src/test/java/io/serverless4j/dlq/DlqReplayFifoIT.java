/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import io.serverless4j.testing.SqsQueues;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.testing.LocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** FIFO queues: group ids and order kept, and deduplication never swallowing a replay. */
@ExtendWith(LocalAws.class)
class DlqReplayFifoIT {

    @Test
    void keepsEachMessageGroupAndItsOrder(SqsClient sqs) {
        String dlq = SqsQueues.createFifo(sqs, "fifo-dlq");
        String source = SqsQueues.withRedrive(sqs, "fifo", dlq, 3);
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String group = "g" + (i % 3);
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(group + "-" + i)
                    .messageGroupId(group).messageDeduplicationId("d" + i).build());
        }
        SqsQueues.send(sqs, dlq, entries);

        DlqReplayReport report = DlqReplayer.builder().sqsClient(sqs).dlqUrl(dlq).build().replay();

        assertThat(report.moved()).isEqualTo(9);
        List<Message> moved = SqsQueues.drain(sqs, source);
        assertThat(moved).hasSize(9).allSatisfy(m -> assertThat(m.body())
                .startsWith(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID) + "-"));
        for (String group : List.of("g0", "g1", "g2")) {
            List<String> inGroup = moved.stream().map(Message::body).filter(b -> b.startsWith(group))
                    .collect(Collectors.toList());
            assertThat(inGroup).isSorted().hasSize(3);
        }
    }

    @Test
    void aMessageReplayedTwiceWithinFiveMinutesArrivesBothTimes(SqsClient sqs) {
        String dlq = SqsQueues.createFifo(sqs, "again-dlq");
        String source = SqsQueues.withRedrive(sqs, "again", dlq, 1);
        sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("charge card 42").messageGroupId("customer-7")
                .messageDeduplicationId("charge-42"));
        DlqReplayer replayer = DlqReplayer.builder().sqsClient(sqs).dlqUrl(dlq)
                .visibilityTimeout(Duration.ofSeconds(5)).build();

        assertThat(replayer.replay().moved()).isEqualTo(1);
        DlqReplayerIT.failOnce(sqs, source); // the consumer fails again: back to the DLQ, seconds later
        assertThat(SqsQueues.counts(sqs, dlq)[0]).isEqualTo(1);
        assertThat(replayer.replay().moved()).isEqualTo(1);

        List<Message> arrived = SqsQueues.drain(sqs, source);
        assertThat(arrived).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("charge card 42");
            assertThat(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("customer-7");
            assertThat(m.messageAttributes().get(DlqMessage.REPLAY_COUNT_ATTRIBUTE).stringValue()).isEqualTo("2");
        });
    }

    @Test
    void identicalBodiesAreNotDeduplicatedByAContentBasedTarget(SqsClient sqs) {
        String dlq = SqsQueues.createFifo(sqs, "same-dlq");
        String target = sqs.createQueue(b -> b.queueName("same-" + UUID.randomUUID() + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")))
                .queueUrl();
        for (int i = 0; i < 3; i++) {
            int n = i;
            sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("retry payment").messageGroupId("g")
                    .messageDeduplicationId("attempt-" + n));
        }

        DlqReplayReport report = DlqReplayer.builder().sqsClient(sqs).dlqUrl(dlq).targetQueueUrl(target).build()
                .replay();

        assertThat(report.moved()).isEqualTo(3);
        assertThat(SqsQueues.drain(sqs, target)).extracting(Message::body).containsExactly("retry payment",
                "retry payment", "retry payment");
    }

    @Test
    void failsAMessageWithoutGroupIdForAFifoTarget(SqsClient sqs) {
        String dlq = SqsQueues.create(sqs, "std-dlq");
        String target = SqsQueues.createFifo(sqs, "fifo-target");
        String id = sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("no group")).messageId();

        DlqReplayReport report = DlqReplayer.builder().sqsClient(sqs).dlqUrl(dlq).targetQueueUrl(target).build()
                .replay();

        assertThat(report.failed()).singleElement().satisfies(f -> assertThat(f.reason()).contains(id)
                .contains("no MessageGroupId").contains(target));
        assertThat(SqsQueues.counts(sqs, dlq)).containsExactly(1, 0);

        DlqReplayReport fixed = DlqReplayer.builder().sqsClient(sqs).dlqUrl(dlq).targetQueueUrl(target)
                .transform(m -> m.withMessageGroupId("repaired")).build().replay();
        assertThat(fixed.moved()).isEqualTo(1);
        assertThat(SqsQueues.drain(sqs, target)).singleElement().satisfies(m -> assertThat(
                m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("repaired"));
    }
}
