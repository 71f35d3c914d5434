/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The snippets of docs/core.md, compiled and run. */
class CoreGuideSnippetsTest {

    static String lastRequestIdInTheMdc;

    // tag::handler[]
    public static final class ReportHandler implements RequestHandler<Map<String, Object>, String> {
        private static final Logger LOG = LoggerFactory.getLogger(ReportHandler.class);

        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
            Invocation invocation = Invocation.of(context);
            try (MdcScope mdc = MdcScope.open(invocation)) { // awsRequestId, traceId, correlationId
                LOG.info("report requested; cold start: {}", invocation.coldStart());
                if (!invocation.hasTimeLeft(Duration.ofSeconds(5))) {
                    return "too late to start a report";
                }
                lastRequestIdInTheMdc = MDC.get(MdcScope.REQUEST_ID);
                return "report started with " + invocation.remainingTime().toSeconds() + " s left";
            }
        }
    }
    // end::handler[]

    @Test
    void theHandlerSeesItsOwnInvocationAndLeavesTheMdcAsItWas() {
        ReportHandler handler = new ReportHandler();
        assertThat(handler.handleRequest(Map.of(), new StubContext("req-7", null, Duration.ofSeconds(30))))
                .isEqualTo("report started with 30 s left");
        assertThat(lastRequestIdInTheMdc).isEqualTo("req-7");
        assertThat(MDC.get(MdcScope.REQUEST_ID)).isNull();
        assertThat(handler.handleRequest(Map.of(), new StubContext("req-8", null, Duration.ofSeconds(4))))
                .isEqualTo("too late to start a report");
    }

    // tag::checked-work[]
    static <T, E extends Exception> T timed(String name, CheckedSupplier<T, E> work) throws E {
        long started = System.nanoTime();
        try {
            return work.get(); // an IOException from the work comes back as an IOException
        } finally {
            LoggerFactory.getLogger(CoreGuideSnippetsTest.class).debug("{} took {} ns", name,
                    System.nanoTime() - started);
        }
    }
    // end::checked-work[]

    @Test
    void workThrowsItsOwnCheckedExceptionsThrough() {
        java.io.IOException broken = new java.io.IOException("disk full");
        try {
            timed("write", () -> {
                throw broken;
            });
        } catch (java.io.IOException e) {
            assertThat(e).isSameAs(broken);
            return;
        }
        throw new AssertionError("the IOException did not come back");
    }
}
