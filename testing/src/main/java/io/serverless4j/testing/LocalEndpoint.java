/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import io.serverless4j.testing.internal.ClientConfigurer;
import java.net.URI;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

/**
 * An AWS-compatible endpoint on loopback (an emulator, or a {@link FaultProxy} in front of one) that SDK v2
 * clients can be pointed at.
 *
 * <p>Implementations are thread-safe.
 */
public interface LocalEndpoint {

    /**
     * The endpoint URL, e.g. {@code http://127.0.0.1:41234}.
     *
     * @return the URL to use as the SDK's endpoint override
     */
    URI endpoint();

    /**
     * Points an SDK client builder at this endpoint: endpoint override, the local region, dummy static
     * credentials, path-style access for S3, and the URL-connection HTTP client for synchronous clients (named
     * explicitly so another HTTP client on the classpath never makes the SDK's choice ambiguous).
     *
     * @param builder any AWS SDK v2 client builder
     * @param <B> the builder type
     * @return the same builder, for chaining
     */
    default <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return ClientConfigurer.configure(builder, endpoint(), null);
    }

    /**
     * Like {@link #configure(AwsClientBuilder)}, and also adds a recorder that counts the client's calls.
     *
     * @param builder any AWS SDK v2 client builder
     * @param recorder counts every API call and HTTP attempt the client makes
     * @param <B> the builder type
     * @return the same builder, for chaining
     */
    default <B extends AwsClientBuilder<B, ?>> B configure(B builder, CallRecorder recorder) {
        return ClientConfigurer.configure(builder, endpoint(), recorder);
    }
}
