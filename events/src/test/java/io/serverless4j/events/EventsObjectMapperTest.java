/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.serverless4j.events.sqs.SqsEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Events#objectMapper()}: this class's JSON settings, as a copy other modules can be handed. */
class EventsObjectMapperTest {

    record Paid(String orderId, Instant paidAt, String note) {}

    @Test
    void theCopyWritesAndReadsLikeEvents() throws Exception {
        ObjectMapper mapper = Events.objectMapper();
        Paid paid = new Paid("o-1", Instant.parse("2026-11-25T12:00:00.123Z"), null);

        String json = mapper.writeValueAsString(paid);

        assertThat(json).isEqualTo(Events.write(paid))
                .isEqualTo("{\"orderId\":\"o-1\",\"paidAt\":\"2026-11-25T12:00:00.123Z\"}");
        assertThat(mapper.readValue("{\"orderId\":\"o-1\",\"paidAt\":\"2026-11-25T12:00:00.123Z\",\"added\":1}",
                Paid.class)).isEqualTo(new Paid("o-1", paid.paidAt(), null));
        SqsEvent event = Events.parse(Fixtures.read("sqs-event.json"), SqsEvent.class);
        assertThat(mapper.readValue(mapper.writeValueAsString(event), SqsEvent.class)).isEqualTo(event);
    }

    @Test
    void eachCallIsANewCopyThatCanBeChangedWithoutChangingEvents() {
        ObjectMapper mine = Events.objectMapper();
        mine.enable(SerializationFeature.INDENT_OUTPUT);

        assertThat(Events.objectMapper()).isNotSameAs(mine);
        assertThat(Events.write(new Paid("o-1", null, null))).isEqualTo("{\"orderId\":\"o-1\"}");
    }
}
