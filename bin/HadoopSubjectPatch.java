import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Lets Hadoop 3.3 (Spark 3.5's) run on Java 24 and later, where {@code Subject.getSubject} always throws
 * (JEP 486). Writes a jar of the Hadoop classes that call it, each call replaced by {@code Subject.current()},
 * which returns the same subject inside {@code Subject.doAs} (HADOOP-19212 makes this change in Hadoop
 * itself, from 3.4.2). {@code bin/jingzhun} puts the jar ahead of Hadoop's on the class path, on Java 24+ only.
 *
 * <pre>java bin/HadoopSubjectPatch.java HADOOP_CLIENT_API_JAR OUT_JAR</pre>
 *
 * Needs Java 24+ (the class-file API). Exits 1, naming the jar, when no call is found: a Hadoop that no
 * longer makes it needs no patch, and a silent empty jar would hide that.
 */
public final class HadoopSubjectPatch {
  private static final ClassDesc SUBJECT = ClassDesc.of("javax.security.auth.Subject");
  private static final byte[] NAME = "getSubject".getBytes(StandardCharsets.UTF_8);

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java bin/HadoopSubjectPatch.java HADOOP_CLIENT_API_JAR OUT_JAR");
      System.exit(1);
    }
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    ClassFile cf = ClassFile.of();
    List<String> patched = new ArrayList<>();
    Path tmp = out.resolveSibling(out.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try (JarFile jar = new JarFile(in.toFile());
        JarOutputStream jos = new JarOutputStream(Files.newOutputStream(tmp))) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (!entry.getName().startsWith("org/apache/hadoop/") || !entry.getName().endsWith(".class")) {
          continue;
        }
        byte[] bytes = jar.getInputStream(entry).readAllBytes();
        if (!contains(bytes, NAME)) {
          continue;
        }
        int[] calls = {0};
        byte[] rewritten = cf.transformClass(cf.parse(bytes), ClassTransform.transformingMethodBodies((code, el) -> {
          if (el instanceof InvokeInstruction i && i.owner().asSymbol().equals(SUBJECT)
              && i.name().equalsString("getSubject")) {
            code.pop(); // the AccessControlContext argument
            code.invokestatic(SUBJECT, "current", MethodTypeDesc.of(SUBJECT));
            calls[0]++;
          } else {
            code.with(el);
          }
        }));
        if (calls[0] > 0) {
          jos.putNextEntry(new JarEntry(entry.getName()));
          jos.write(rewritten);
          jos.closeEntry();
          patched.add(entry.getName() + " (" + calls[0] + ")");
        }
      }
    }
    if (patched.isEmpty()) {
      Files.delete(tmp);
      System.err.println("HadoopSubjectPatch: no call to Subject.getSubject in " + in);
      System.exit(1);
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.err.println("HadoopSubjectPatch: " + out + ": " + String.join(", ", patched));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private HadoopSubjectPatch() {}
}
