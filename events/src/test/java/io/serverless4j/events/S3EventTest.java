/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.events.s3.S3Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3EventTest {

    @Test
    void parsesThePutNotificationAndDecodesTheKey() {
        S3Event.Record record = Events.parse(Fixtures.read("s3-put-event.json"), S3Event.class).records().get(0);
        assertThat(record.eventName()).isEqualTo("ObjectCreated:Put");
        assertThat(record.eventTime()).isEqualTo(Instant.parse("2019-09-03T19:37:27.192Z"));
        assertThat(record.awsRegion()).isEqualTo("us-east-2");
        assertThat(record.userIdentity().principalId()).isEqualTo("AWS:AIDAINPONIXQXHT3IKHL2");
        assertThat(record.requestParameters()).containsEntry("sourceIPAddress", "205.255.255.255");
        assertThat(record.responseElements()).containsEntry("x-amz-request-id", "D82B88E5F771F645");
        assertThat(record.bucketName()).isEqualTo("amzn-s3-demo-bucket");
        assertThat(record.s3().bucket().arn()).isEqualTo("arn:aws:s3:::amzn-s3-demo-bucket");
        S3Event.S3Object object = record.s3().object();
        assertThat(object.rawKey()).isEqualTo("photos/my+cat+%28copy%29.jpg");
        assertThat(object.key()).isEqualTo("photos/my cat (copy).jpg");
        assertThat(record.key()).isEqualTo("photos/my cat (copy).jpg");
        assertThat(object.size()).isEqualTo(1305107L);
        assertThat(object.eTag()).isEqualTo("b21b84d653bb07b05b1e6b33684dc11b");
        assertThat(object.versionId()).isEqualTo("096fKKXTRTtl3on89fVO.nfljtsv6qko");
        assertThat(object.sequencer()).isEqualTo("0C0F6F405D6ED209E1");
    }

    @Test
    void parsesADeleteNotificationWithoutSizeAndDecodesUtf8Escapes() {
        S3Event.Record record = Events.parse(Fixtures.read("s3-delete-event.json"), S3Event.class).records().get(0);
        assertThat(record.eventName()).isEqualTo("ObjectRemoved:Delete");
        assertThat(record.s3().object().size()).isNull();
        assertThat(record.s3().object().eTag()).isNull();
        assertThat(record.key()).isEqualTo("reports/2019/\u20ac summary.pdf");
    }

    @Test
    void keepsAKeyWithNothingToDecodeAsItIs() {
        S3Event.S3Object object = new S3Event.S3Object("plain/key.txt", 1L, null, null, null);
        assertThat(object.key()).isSameAs(object.rawKey());
    }

    @Test
    void decodesAnEncodedPlusSignAsAPlus() {
        assertThat(new S3Event.S3Object("c%2B%2B/a+b.txt", null, null, null, null).key()).isEqualTo("c++/a b.txt");
    }

    @Test
    void rejectsAMalformedEscapeInTheKeyWhenDecoding() {
        S3Event.S3Object object = new S3Event.S3Object("bad%2", null, null, null, null);
        assertThatThrownBy(object::key).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requiresTheBucketNameAndKey() {
        String json = Fixtures.read("s3-put-event.json").replace("\"key\": \"photos/my+cat+%28copy%29.jpg\",", "");
        assertThatThrownBy(() -> Events.parse(json, S3Event.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("S3Event: Records[0].s3.object.key: required field is missing");
    }
}
