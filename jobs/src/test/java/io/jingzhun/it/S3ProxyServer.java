package io.jingzhun.it;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.ListObjectsV2Request;
import com.amazonaws.services.s3.model.ListObjectsV2Result;
import com.amazonaws.services.s3.model.S3ObjectSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * S3Proxy on loopback as a separate process: an S3-compatible server storing objects in a temporary
 * folder ({@code jclouds.provider=filesystem}), checking AWS v2/v4 signatures against fixed test
 * credentials. Tests create buckets and upload landing folders through the AWS SDK, and point the
 * pipeline at it with the {@code s3} profile's environment variables.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "jingzhun-it-access";
  public static final String SECRET_KEY = "jingzhun-it-secret-7f3a9c";

  private final ChildProcess process;
  private final String endpoint;
  private final Duration startup;
  private final AmazonS3 client;

  private S3ProxyServer(ChildProcess process, String endpoint, Duration startup) {
    this.process = process;
    this.endpoint = endpoint;
    this.startup = startup;
    this.client = AmazonS3ClientBuilder.standard()
        .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint, "us-east-1"))
        .withPathStyleAccessEnabled(true)
        .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /** Starts S3Proxy with its objects and log under {@code workDir}; returns once it answers HTTP. */
  public static S3ProxyServer start(Path jar, Path workDir) {
    int port = ItEnvironment.freePort();
    String endpoint = "http://127.0.0.1:" + port;
    try {
      Path objects = Files.createDirectories(workDir.resolve("objects"));
      Path properties = workDir.resolve("s3proxy.properties");
      Files.writeString(properties, String.join("\n",
          "s3proxy.endpoint=" + endpoint,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + ACCESS_KEY,
          "s3proxy.credential=" + SECRET_KEY,
          "jclouds.provider=filesystem",
          "jclouds.filesystem.basedir=" + objects,
          "") , StandardCharsets.UTF_8);
      Instant t0 = Instant.now();
      ChildProcess process = ChildProcess.start("s3proxy",
          List.of(javaExecutable(), "-Xmx512m", "-jar", jar.toString(), "--properties", properties.toString()),
          Map.of(), workDir, workDir.resolve("s3proxy.log"));
      awaitHttp(process, endpoint, Duration.ofMinutes(3));
      return new S3ProxyServer(process, endpoint, Duration.between(t0, Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare S3Proxy in " + workDir, e);
    }
  }

  /** Any HTTP answer (403 to an unsigned request included) means the server is up. */
  private static void awaitHttp(ChildProcess process, String endpoint, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("S3Proxy exited during start-up:\n" + process.tail());
      }
      try {
        http.send(HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for S3Proxy", e);
      }
    }
    process.close();
    throw new AssertionError("S3Proxy did not answer on " + endpoint + " within " + timeout + ":\n"
        + process.tail());
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String endpoint() {
    return endpoint;
  }

  /** From launching the JVM to the first HTTP answer. */
  public Duration startup() {
    return startup;
  }

  public AmazonS3 client() {
    return client;
  }

  public void createBucket(String bucket) {
    client.createBucket(bucket);
  }

  /**
   * The environment the {@code s3} and {@code cluster} profiles read (conf/profiles/s3.yaml): endpoint,
   * bucket and the test credentials.
   */
  public Map<String, String> profileEnvironment(String bucket) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JINGZHUN_S3_ENDPOINT", endpoint);
    env.put("JINGZHUN_S3_BUCKET", bucket);
    env.put("JINGZHUN_S3_ACCESS_KEY", ACCESS_KEY);
    env.put("JINGZHUN_S3_SECRET_KEY", SECRET_KEY);
    return env;
  }

  /**
   * The same S3A settings as Java system properties ({@code -Dspark.hadoop.fs.s3a.*}), for a command
   * that takes no profile (Spark reads {@code spark.*} system properties into its configuration).
   */
  public String s3aJavaOptions() {
    return String.join(" ",
        "-Dspark.hadoop.fs.s3a.endpoint=" + endpoint,
        "-Dspark.hadoop.fs.s3a.endpoint.region=us-east-1",
        "-Dspark.hadoop.fs.s3a.path.style.access=true",
        "-Dspark.hadoop.fs.s3a.connection.ssl.enabled=false",
        "-Dspark.hadoop.fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "-Dspark.hadoop.fs.s3a.access.key=" + ACCESS_KEY,
        "-Dspark.hadoop.fs.s3a.secret.key=" + SECRET_KEY);
  }

  /** Uploads every file under {@code folder} to {@code s3://bucket/prefix/<relative path>}. */
  public int upload(Path folder, String bucket, String prefix) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    for (Path f : files) {
      String key = prefix + "/" + folder.relativize(f).toString().replace('\\', '/');
      client.putObject(bucket, key, f.toFile());
    }
    return files.size();
  }

  /** Every object key under a prefix, sorted. */
  public List<String> keys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    ListObjectsV2Request request = new ListObjectsV2Request().withBucketName(bucket).withPrefix(prefix);
    ListObjectsV2Result result;
    do {
      result = client.listObjectsV2(request);
      for (S3ObjectSummary o : result.getObjectSummaries()) {
        keys.add(o.getKey());
      }
      request.setContinuationToken(result.getNextContinuationToken());
    } while (result.isTruncated());
    keys.sort(null);
    return keys;
  }

  @Override
  public void close() {
    client.shutdown();
    process.close();
  }
}
