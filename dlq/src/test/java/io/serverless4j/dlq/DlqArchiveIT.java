/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import io.serverless4j.testing.SqsQueues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverless4j.testing.LocalAws;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The JSONL archive of a replay, and restoring it. */
@ExtendWith(LocalAws.class)
class DlqArchiveIT {

    @TempDir
    Path dir;

    @Test
    void archivesEveryMovedMessageAndRestoresThemAsTheyWereSent(SqsClient sqs) throws Exception {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "archive");
        List<String> bodies = SqsQueues.bodies("order", 23);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);
        sqs.sendMessage(b -> b.queueUrl(queues.dlqUrl()).messageBody("{\"type\":\"skip\"}"));
        sqs.sendMessage(b -> b.queueUrl(queues.dlqUrl()).messageBody("tagged")
                .messageAttributes(Map.of("tenant", SqsQueues.string("acme"))));
        Path archive = dir.resolve("replay.jsonl");

        DlqReplayReport report = DlqReplayer.builder().sqsClient(sqs).dlqUrl(queues.dlqUrl()).archive(archive)
                .filter(DlqFilters.jsonPointerEquals("/type", "skip").negate()).build().replay();
        assertThat(report.moved()).isEqualTo(24);

        List<String> lines = Files.readAllLines(archive);
        assertThat(lines).hasSize(24);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("target").asText()).isEqualTo(queues.sourceUrl());
        assertThat(first.get("messageAttributes").get(DlqMessage.REPLAY_COUNT_ATTRIBUTE).get("stringValue").asText())
                .isEqualTo("1");
        List<Message> delivered = SqsQueues.drain(sqs, queues.sourceUrl()); // then the consumer loses them

        DlqReplayReport restored = DlqArchive.restore(sqs, archive, queues.sourceUrl());

        assertThat(restored.moved()).isEqualTo(24);
        assertThat(restored.failed()).isEmpty();
        List<Message> again = SqsQueues.drain(sqs, queues.sourceUrl());
        assertThat(again).extracting(Message::body).containsExactlyInAnyOrderElementsOf(
                delivered.stream().map(Message::body).collect(Collectors.toList()));
        Map<String, Message> byBody = delivered.stream().collect(Collectors.toMap(Message::body, m -> m));
        assertThat(again).allSatisfy(m -> assertThat(m.messageAttributes())
                .isEqualTo(byBody.get(m.body()).messageAttributes()));
    }

    @Test
    void restoreSendsEachMessageOnceSkipsThoseNotMovedAndReportsALineCutShortByACrash(SqsClient sqs)
            throws Exception {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "restore");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), SqsQueues.bodies("m", 5));
        Path archive = dir.resolve("crashed.jsonl");
        DlqReplayer.builder().sqsClient(sqs).dlqUrl(queues.dlqUrl()).archive(archive).build().replay();
        SqsQueues.drain(sqs, queues.sourceUrl());
        List<String> lines = Files.readAllLines(archive);
        String notMovedId = new ObjectMapper().readTree(lines.get(1)).get("dlqMessageId").asText();
        // A crashed run archived a batch again, one message was marked not moved, and the last write was cut.
        Files.writeString(archive, lines.get(0) + "\n"
                + "{\"v\":1,\"notMoved\":\"" + notMovedId + "\",\"reason\":\"test\"}\n"
                + lines.get(2).substring(0, 40), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        DlqReplayReport restored = DlqArchive.restore(sqs, archive, queues.sourceUrl());

        assertThat(restored.moved()).isEqualTo(4);
        assertThat(restored.skippedByFilter()).isEqualTo(2);
        assertThat(restored.failed()).singleElement().satisfies(f -> assertThat(f.reason()).contains("line 8")
                .contains("not sent"));
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).hasSize(4);
    }

    @Test
    void aMissingArchiveIsATypedErrorNamingTheFile(SqsClient sqs) {
        Path missing = dir.resolve("nope.jsonl");
        assertThatThrownBy(() -> DlqArchive.restore(sqs, missing, SqsQueues.create(sqs, "t")))
                .isInstanceOf(DlqArchiveException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void anArchiveThatCannotBeOpenedStopsTheReplayBeforeAnythingMoves(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "noarchive");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), List.of("a"));
        Path unwritable = dir.resolve("no-such-dir").resolve("replay.jsonl");

        assertThatThrownBy(() -> DlqReplayer.builder().sqsClient(sqs).dlqUrl(queues.dlqUrl()).archive(unwritable)
                .build().replay()).isInstanceOf(DlqArchiveException.class).hasMessageContaining(unwritable.toString());
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(1, 0);
    }
}
