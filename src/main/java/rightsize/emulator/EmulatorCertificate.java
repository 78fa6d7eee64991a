package rightsize.emulator;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The emulator's self-signed TLS certificate for 127.0.0.1, ::1 and localhost, made when it starts,
 * with the server context that presents it and what a client needs to trust it.
 */
public final class EmulatorCertificate {
  /** Password of the PKCS #12 trust store {@link #writeTrustFiles} writes (keytool's default). */
  public static final String TRUST_STORE_PASSWORD = "changeit";

  /** The certificate file {@link #writeTrustFiles} writes, for curl's --cacert. */
  public static final String PEM_FILE = "emulator-cert.pem";

  /** The PKCS #12 trust store {@link #writeTrustFiles} writes, for -Djavax.net.ssl.trustStore. */
  public static final String TRUST_STORE_FILE = "emulator-truststore.p12";

  // Long enough for a soak run, short enough that a copied trust file soon stops being trusted.
  private static final Duration VALIDITY = Duration.ofDays(7);

  private final KeyPair keys;
  private final X509Certificate certificate;

  private EmulatorCertificate(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  /** A new key pair (EC P-256: made in milliseconds) and a certificate for it, valid from an hour ago for 7 days. */
  public static EmulatorCertificate generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=localhost, O=rightsize emulator");
      Instant now = Instant.now();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          subject,
          new BigInteger(64, new SecureRandom()),
          Date.from(now.minus(Duration.ofHours(1))), // tolerates a client clock slightly behind
          Date.from(now.plus(VALIDITY)),
          subject,
          keys.getPublic());
      // Clients check the name they dialled against the subject alternative names: the JDK insists on
      // an IP entry for https://127.0.0.1. CA:true lets curl and OpenSSL take it as its own trust anchor.
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
          new GeneralName(GeneralName.iPAddress, "::1")}));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      X509Certificate certificate = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      return new EmulatorCertificate(keys, certificate);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make the emulator's TLS certificate: " + e.getMessage(), e);
    }
  }

  /** The certificate itself. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate in PEM, what {@code curl --cacert} reads. */
  public String pem() {
    try {
      String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the emulator's certificate: " + e.getMessage(), e);
    }
  }

  /** A trust store holding only this certificate. */
  public KeyStore trustStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("rightsize-emulator", certificate);
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store for the emulator's certificate: " + e.getMessage(), e);
    }
  }

  /** A client TLS context that trusts this certificate and nothing else. */
  public SSLContext clientContext() {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS context trusting the emulator: " + e.getMessage(), e);
    }
  }

  /** The server context that presents this certificate (the JDK's TLS, like the suite's client). */
  SslContext serverContext() {
    try {
      return SslContextBuilder.forServer(keys.getPrivate(), certificate).sslProvider(SslProvider.JDK).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up the emulator's TLS: " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@value #PEM_FILE} (for curl) and {@value #TRUST_STORE_FILE} (a PKCS #12 trust store for
   * {@code -Djavax.net.ssl.trustStore}, password {@value #TRUST_STORE_PASSWORD}) into {@code folder},
   * replacing earlier ones.
   */
  public void writeTrustFiles(Path folder) {
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve(PEM_FILE), pem(), StandardCharsets.US_ASCII);
      try (OutputStream out = Files.newOutputStream(folder.resolve(TRUST_STORE_FILE))) {
        trustStore().store(out, TRUST_STORE_PASSWORD.toCharArray());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the emulator's certificate to " + folder + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot write the emulator's trust store: " + e.getMessage(), e);
    }
  }
}
