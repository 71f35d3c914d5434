/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.events.s3.S3Event;
import io.serverless4j.testing.events.EventBridgeEvents;
import io.serverless4j.testing.events.S3Events;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ObjectRefTest {

    @Test
    void aNotificationGivesItsCreatedObjectsWithDecodedKeysAndLeavesDeletionsOut() {
        List<S3Event.Record> records = new ArrayList<>();
        records.addAll(S3Events.objectCreated("photos", "raw/my cat (1).jpg").records());
        records.addAll(S3Events.objectRemoved("photos", "raw/gone.jpg").records());
        records.addAll(S3Events.objectCreated("photos", "raw/a+b ü.png").records());

        List<S3ObjectRef> objects = S3ObjectRef.fromNotification(new S3Event(records));

        assertThat(objects).extracting(S3ObjectRef::key).containsExactly("raw/my cat (1).jpg", "raw/a+b ü.png");
        assertThat(objects).allSatisfy(o -> {
            assertThat(o.bucket()).isEqualTo("photos");
            assertThat(o.eTag()).isNotBlank();
            assertThat(o.sizeBytes()).isEqualTo(1024);
        });
        assertThat(records.get(0).s3().object().rawKey()).isEqualTo("raw/my+cat+%281%29.jpg");
    }

    @Test
    void anEventBridgeObjectCreatedEventGivesItsObjectAndOtherEventsNone() {
        assertThat(S3ObjectRef.fromEventBridge(S3Events.eventBridgeObjectCreated("photos", "raw/x y.jpg", 77)))
                .hasValueSatisfying(o -> {
                    assertThat(o.bucket()).isEqualTo("photos");
                    assertThat(o.key()).isEqualTo("raw/x y.jpg");
                    assertThat(o.sizeBytes()).isEqualTo(77);
                });
        assertThat(S3ObjectRef.fromEventBridge(EventBridgeEvents.of("shop.orders", "Object Created", Map.of("a", 1))))
                .isEmpty();
    }
}
