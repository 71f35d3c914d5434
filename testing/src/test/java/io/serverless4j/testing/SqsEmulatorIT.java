/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(LocalAws.class)
class SqsEmulatorIT {

    @Test
    void queueUrlsPointAtTheBoundPortAndMessagesRoundTripWithAttributes(SqsClient sqs, LocalSqs local) {
        String url = sqs.createQueue(b -> b.queueName("roundtrip-" + UUID.randomUUID())).queueUrl();
        assertThat(url).contains(":" + local.endpoint().getPort() + "/");

        sqs.sendMessage(b -> b.queueUrl(url).messageBody("héllo wörld")
                .messageAttributes(Map.of("priority", MessageAttributeValue.builder()
                        .dataType("String").stringValue("high").build())));
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();

        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("héllo wörld");
            assertThat(m.messageAttributes().get("priority").stringValue()).isEqualTo("high");
            assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
        });
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(received.get(0).receiptHandle()));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue(SqsClient sqs) {
        String name = "work-" + UUID.randomUUID();
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "0",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"2\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}"))).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("poison"));

        // Receive without deleting, as a failing consumer does; visibility timeout 0 makes it visible again at once.
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).hasSize(1);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).hasSize(1);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();

        List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlqUrl)).messages();
        assertThat(dead).extracting(Message::body).containsExactly("poison");
        assertThat(sqs.listDeadLetterSourceQueues(b -> b.queueUrl(dlqUrl)).queueUrls()).containsExactly(url);
    }

    @Test
    void fifoQueuesDeliverEachGroupInOrder(SqsClient sqs) {
        String url = sqs.createQueue(b -> b.queueName("orders-" + UUID.randomUUID() + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
        for (int i = 0; i < 6; i++) {
            String body = (i % 2 == 0 ? "a" : "b") + i;
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId(body.substring(0, 1)));
        }
        List<String> bodies = new ArrayList<>();
        List<Message> batch;
        while (!(batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages()).isEmpty()) {
            for (Message m : batch) {
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        assertThat(bodies.stream().filter(s -> s.startsWith("a"))).containsExactly("a0", "a2", "a4");
        assertThat(bodies.stream().filter(s -> s.startsWith("b"))).containsExactly("b1", "b3", "b5");
    }
}
