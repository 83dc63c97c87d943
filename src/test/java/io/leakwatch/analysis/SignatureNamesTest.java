package io.leakwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What differs between two runs of one program is folded out of signature names. */
class SignatureNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // lambda ids as JDK 17 names them, and as a dump writes the hidden-class suffix
            "com.example.Feed$$Lambda$123/0x0000000800c4b840 | com.example.Feed$$Lambda$*",
            "com.example.Feed$$Lambda$123.0x0000000800c4b840 | com.example.Feed$$Lambda$*",
            "com.example.Feed$$Lambda/0x00007f3a1c0a2b40 | com.example.Feed$$Lambda$*",
            "com.example.Feed$$Lambda$7 | com.example.Feed$$Lambda$*",
            "java.lang.invoke.LambdaForm$MH/0x0000000800c0c400 | java.lang.invoke.LambdaForm$MH",
            // generated proxies, in their numbered module
            "jdk.proxy2.$Proxy12 | jdk.proxy*.$Proxy*",
            "com.sun.proxy.$Proxy7 | com.sun.proxy.$Proxy*",
            "jdk.internal.reflect.GeneratedMethodAccessor17 | jdk.internal.reflect.GeneratedMethodAccessor*",
            "jdk.internal.reflect.GeneratedSerializationConstructorAccessor3 | jdk.internal.reflect.GeneratedSerializationConstructorAccessor*",
            "com.example.Repo$$EnhancerBySpringCGLIB$$5e2f1c | com.example.Repo$$EnhancerBySpringCGLIB$$*",
            "com.example.Repo$$SpringCGLIB$$0 | com.example.Repo$$SpringCGLIB$$*",
            "com.example.Repo$ByteBuddy$a1b2c3 | com.example.Repo$ByteBuddy$*",
            // identity hash codes
            "com.example.Cache@1b6d3586 | com.example.Cache@*",
            // what stays: inner classes and names with digits of their own
            "com.example.LeakyService$PriceFeed | com.example.LeakyService$PriceFeed",
            "com.example.Outer$1 | com.example.Outer$1",
            "org.example.v2.Http2Session | org.example.v2.Http2Session",
            "byte[] | byte[]"})
    void typeNames(String raw, String normalised) {
        assertThat(SignatureNames.type(raw)).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pricefeed-refresher-16 | pricefeed-refresher-*",
            "pool-3-thread-7 | pool-*-thread-*",
            "http-nio-8080-exec-10 | http-nio-*-exec-*",
            "main | main"})
    void threadNames(String raw, String normalised) {
        assertThat(SignatureNames.thread(raw)).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "java.lang.Object[][42] | java.lang.Object[][*]",
            "java.util.HashMap$Node[][178] | java.util.HashMap$Node[][*]",
            "com.example.Feed$$Lambda$12/0x0000000800c4b840.arg$1 | com.example.Feed$$Lambda$*.arg$1"})
    void hops(String raw, String normalised) {
        assertThat(SignatureNames.hop(raw)).isEqualTo(normalised);
    }
}
