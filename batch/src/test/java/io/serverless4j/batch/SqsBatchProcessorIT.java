/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.batch.SqsEventSource.Queue;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.retry.Backoff;
import io.serverless4j.testing.LocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The processor on ElasticMQ with a real redrive policy, with a small stand-in for Lambda's SQS event source
 * mapping: receive up to 10, invoke, delete the records the response did not name.
 */
@ExtendWith(LocalAws.class)
class SqsBatchProcessorIT {

    private static final Context MINUTE = TestLambdaContext.onFakeClock(Duration.ofMinutes(1));

    private SqsEventSource source;

    @BeforeEach
    void eventSource(SqsClient sqs) {
        source = new SqsEventSource(sqs);
    }

    private SqsBatchResult invoke(SqsClient sqs, Queue queue, SqsBatchProcessor processor,
            SqsBatchProcessor.RecordHandler handler, int waitSeconds) {
        return source.invoke(queue, processor, handler, MINUTE, waitSeconds);
    }

    private Queue withDlq(SqsClient sqs, String name, int maxReceiveCount, Map<QueueAttributeName, String> extra) {
        return source.withDlq(name, maxReceiveCount, extra);
    }

    @Test
    void failedRecordsComeBackAndSucceededOnesDoNot(SqsClient sqs) {
        Queue queue = withDlq(sqs, "orders-" + UUID.randomUUID(), 5, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        for (String body : List.of("ok-1", "bad-2", "ok-3", "ok-4", "bad-5")) {
            sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(body));
        }
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        SqsBatchProcessor processor = SqsBatchProcessor.builder().build();
        SqsBatchProcessor.RecordHandler failBadOnce = (m, c) -> {
            seen.add(m.body() + "#" + m.approximateReceiveCount());
            if (m.body().startsWith("bad") && m.approximateReceiveCount() == 1) {
                throw new IllegalStateException("transient");
            }
        };

        SqsBatchResult first = invoke(sqs, queue, processor, failBadOnce, 1);
        assertThat(first.failed()).hasSize(2);
        SqsBatchResult second = invoke(sqs, queue, processor, failBadOnce, 5);
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.failed()).isEmpty();
        SqsBatchResult third = invoke(sqs, queue, processor, failBadOnce, 2);

        assertThat(third.size()).isZero();
        assertThat(seen).containsExactlyInAnyOrder("ok-1#1", "bad-2#1", "ok-3#1", "ok-4#1", "bad-5#1",
                "bad-2#2", "bad-5#2");
    }

    @Test
    void aRecordThatKeepsFailingReachesTheDlqAfterMaxReceiveCount(SqsClient sqs) {
        String name = "poison-" + UUID.randomUUID();
        Queue queue = withDlq(sqs, name, 2, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "0"));
        sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody("poison"));
        SqsBatchProcessor processor = SqsBatchProcessor.builder().build();
        SqsBatchProcessor.RecordHandler alwaysFails = (m, c) -> {
            throw new IllegalStateException("poison");
        };

        assertThat(invoke(sqs, queue, processor, alwaysFails, 1).failed()).hasSize(1);
        assertThat(invoke(sqs, queue, processor, alwaysFails, 1).failed()).hasSize(1);
        assertThat(invoke(sqs, queue, processor, alwaysFails, 1).size()).isZero();

        String dlqUrl = sqs.getQueueUrl(b -> b.queueName(name + "-dlq")).queueUrl();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(dlqUrl)).messages()).extracting(Message::body)
                .containsExactly("poison");
    }

    @Test
    void fifoOrderHoldsPerGroupAcrossARedelivery(SqsClient sqs) {
        Queue queue = withDlq(sqs, "fifo-" + UUID.randomUUID() + ".fifo", 5, Map.of(
                QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true",
                QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        for (String body : List.of("a1", "b1", "a2", "b2", "a3")) {
            sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(body).messageGroupId(body.substring(0, 1)));
        }
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        SqsBatchProcessor.RecordHandler failA2Once = (m, c) -> {
            if (m.body().equals("a2") && m.approximateReceiveCount() == 1) {
                throw new IllegalStateException("a2 fails once");
            }
            done.add(m.body());
        };
        SqsBatchProcessor processor = SqsBatchProcessor.builder().build();

        for (int i = 0; i < 5 && done.size() < 5; i++) {
            invoke(sqs, queue, processor, failA2Once, 2);
        }

        assertThat(done.stream().filter(s -> s.startsWith("a"))).containsExactly("a1", "a2", "a3");
        assertThat(done.stream().filter(s -> s.startsWith("b"))).containsExactly("b1", "b2");
    }

    @Test
    void redeliveryBackoffDelaysTheNextReceiveBeyondTheQueuesVisibilityTimeout(SqsClient sqs) {
        Queue queue = withDlq(sqs, "backoff-" + UUID.randomUUID(), 5, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "0"));
        sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody("retry me later"));
        SqsBatchProcessor processor = SqsBatchProcessor.builder()
                .sqsClient(sqs).redeliveryBackoff(Backoff.exponential(Duration.ofSeconds(2), Duration.ofHours(12))).build();

        SqsBatchResult failed = invoke(sqs, queue, processor, (m, c) -> {
            throw new IllegalStateException("later");
        }, 1);
        assertThat(failed.failed()).hasSize(1);
        long afterFailure = System.nanoTime();

        // Without the backoff the visibility timeout of 0 would show the message again at once.
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queue.url())).messages()).isEmpty();
        List<Message> later = sqs.receiveMessage(b -> b.queueUrl(queue.url()).waitTimeSeconds(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        assertThat(later).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - afterFailure)).isGreaterThan(Duration.ofMillis(1500));
    }

    @Test
    void theRedeliveryDelayGrowsWithTheReceiveCountAndStopsAtTwelveHours(SqsClient sqs) {
        SqsBatchProcessor processor = SqsBatchProcessor.builder()
                .sqsClient(sqs).redeliveryBackoff(Backoff.exponential(Duration.ofSeconds(30), Duration.ofDays(2))).build();
        assertThat(processor.redeliveryDelay(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(processor.redeliveryDelay(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(processor.redeliveryDelay(40)).isEqualTo(Duration.ofHours(12));
    }
}
