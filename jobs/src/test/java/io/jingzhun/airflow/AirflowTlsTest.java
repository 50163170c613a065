package io.jingzhun.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https with a private certificate: trusted through the configured trust store, refused without it. */
class AirflowTlsTest {
  @TempDir Path dir;

  @Test
  void privateCertificateIsTrustedOnlyThroughTheConfiguredTrustStore() throws Exception {
    Path serverStore = dir.resolve("server.p12");
    Path cert = dir.resolve("server.crt");
    Path trustStore = dir.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "airflow", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", serverStore.toString(),
        "-storetype", "PKCS12", "-storepass", "server-pw");
    keytool("-exportcert", "-alias", "airflow", "-keystore", serverStore.toString(), "-storepass", "server-pw",
        "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "airflow", "-file", cert.toString(), "-keystore",
        trustStore.toString(), "-storetype", "PKCS12", "-storepass", "trust-pw");

    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext(serverStore)));
    server.createContext("/api/v2/monitor/health", exchange -> {
      byte[] body = "{\"metadatabase\":{\"status\":\"healthy\"}}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String url = "https://127.0.0.1:" + server.getAddress().getPort();
      AirflowClient trusting = new AirflowClient(AirflowSettings.builder().url(url)
          .trustStore(trustStore, "trust-pw", "PKCS12").build());
      assertThat(trusting.health().healthy()).isTrue();

      AirflowClient defaultTrust = new AirflowClient(AirflowSettings.builder().url(url).build());
      assertThatThrownBy(defaultTrust::health).isInstanceOf(AirflowError.Unreachable.class)
          .hasMessageContaining(url);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void unreadableTrustStoreIsAClearError() {
    assertThatThrownBy(() -> new AirflowClient(AirflowSettings.builder().url("https://127.0.0.1:1")
        .trustStore(dir.resolve("missing.p12"), "pw", "PKCS12").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.p12");
  }

  private static SSLContext serverContext(Path store) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "server-pw".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "server-pw".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  private static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("keytool %s: %s", args[0], out).isZero();
  }
}
