/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.internal;

import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.LocalAws;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;

/** Points SDK client builders at a local endpoint. */
public final class ClientConfigurer {

    /** The emulators accept any credentials; these make the SDK sign requests without looking for real ones. */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("serverless4j", "serverless4j"));

    private ClientConfigurer() {}

    /**
     * Configures {@code builder} for {@code endpoint}.
     *
     * @param builder the builder
     * @param endpoint the local endpoint
     * @param recorder a recorder to add, or null
     * @param <B> the builder type
     * @return the builder
     */
    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint, CallRecorder recorder) {
        builder.endpointOverride(endpoint).region(LocalAws.region()).credentialsProvider(CREDENTIALS);
        if (builder instanceof S3BaseClientBuilder<?, ?> s3) {
            // The emulators serve one host name; virtual-host style would need DNS for bucket.127.0.0.1.
            s3.forcePathStyle(true);
        }
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        if (recorder != null) {
            ClientOverrideConfiguration current = builder.overrideConfiguration();
            builder.overrideConfiguration(current.toBuilder().addExecutionInterceptor(recorder).build());
        }
        return builder;
    }
}
