/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith(LocalAws.class)
class S3EmulatorIT {

    private static final List<String> AWKWARD_KEYS = List.of(
            "raw/my cat (copy).jpg", "raw/a+b=c.png", "raw/사진/고양이.jpg", "raw/ünïcödé €.gif");

    @Test
    void keysWithSpacesPlusAndUnicodeRoundTripAndListCorrectly(S3Client s3) {
        String bucket = "photos-" + UUID.randomUUID();
        s3.createBucket(b -> b.bucket(bucket));
        for (String key : AWKWARD_KEYS) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("image/jpeg"),
                    RequestBody.fromString("bytes of " + key, StandardCharsets.UTF_8));
        }

        List<String> listed = s3.listObjectsV2(b -> b.bucket(bucket).prefix("raw/")).contents().stream()
                .map(S3Object::key).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(AWKWARD_KEYS);
        for (String key : AWKWARD_KEYS) {
            String body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
            assertThat(body).isEqualTo("bytes of " + key);
        }
        var head = s3.headObject(b -> b.bucket(bucket).key("raw/a+b=c.png"));
        assertThat(head.contentType()).isEqualTo("image/jpeg");
        assertThat(head.contentLength()).isEqualTo(("bytes of raw/a+b=c.png").length());
        assertThat(head.eTag()).isNotBlank();
    }

    @Test
    void aMissingKeyIsNoSuchKey(S3Client s3) {
        String bucket = "empty-" + UUID.randomUUID();
        s3.createBucket(b -> b.bucket(bucket));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("nope.jpg")))
                .isInstanceOf(NoSuchKeyException.class);
    }
}
