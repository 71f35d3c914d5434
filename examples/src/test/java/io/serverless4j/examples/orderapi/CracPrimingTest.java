/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.orderapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.events.Events;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpResponse;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.events.ApiGatewayEvents;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The CRaC / SnapStart priming hook of docs/examples.md, compiled and run: it primes without a single AWS call. */
class CracPrimingTest {

    static final String SAMPLE_REQUEST_JSON = Events.write(ApiGatewayEvents.httpApi("POST", "/orders")
            .header("Idempotency-Key", "prime").jsonBody(Map.of("customerId", "prime")).build());

    // tag::crac[]
    public static final class PrimedOrderApi implements org.crac.Resource {
        private final OrderApiHandler handler;

        public PrimedOrderApi(OrderApiHandler handler) {
            this.handler = handler;
            org.crac.Core.getGlobalContext().register(this);
        }

        @Override
        public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
            handler.prime();                                                 // no table call, nothing written
            Events.parse(SAMPLE_REQUEST_JSON, ApiGatewayV2HttpEvent.class);  // a bundled sample event
            Events.write(ApiGatewayV2HttpResponse.ok(Map.of("orderId", "sample")), OutputStream.nullOutputStream());
        }

        @Override
        public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
        }
    }
    // end::crac[]

    @Test
    void primingMakesNoAwsCall() {
        CallRecorder calls = new CallRecorder();
        // An endpoint nothing listens on: a call would fail, and the recorder would see it anyway.
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.EU_WEST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(calls)).build()) {
            PrimedOrderApi primed = new PrimedOrderApi(new OrderApiHandler(dynamoDb, "orders", "idempotency",
                    OrderApiHandler.corsPolicy("https://shop.example.com")));

            primed.beforeCheckpoint(null);

            assertThat(calls.totalCalls()).isZero();
        }
    }
}
