package io.orderinsight.audit.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 key pair that signs the chain's checkpoints: configured (base64 PKCS#8 private key and X.509 public
 * key), or else generated once into the data directory ({@code audit-signing.key}, mode 0600, and {@code
 * audit-signing.pub}) and reused on later starts.
 */
public final class SigningKeys {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static SigningKeys configured(String privateKey, String publicKey) {
        try {
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            return new SigningKeys(
                    keys.generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey.trim()))),
                    publicKey(publicKey));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("orderinsight.audit.signing keys are not an Ed25519 key pair", e);
        }
    }

    public static SigningKeys inDirectory(Path directory) {
        Path secret = directory.resolve("audit-signing.key");
        Path shared = directory.resolve("audit-signing.pub");
        try {
            if (Files.exists(secret) && Files.exists(shared)) {
                return configured(Files.readString(secret), Files.readString(shared));
            }
            Files.createDirectories(directory);
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.writeString(
                    secret, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            try {
                Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions apply
            }
            Files.writeString(
                    shared, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            return new SigningKeys(pair.getPrivate(), pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (base64 X.509)", e);
        }
    }

    /**
     * What a checkpoint signs: its chain sequence number, hash, time and its predecessor's hash, one per line; without
     * the last line for a checkpoint signed before checkpoints were chained ({@code previousHash} null).
     */
    public static byte[] signed(long chainSeq, String hash, String signedAt, String previousHash) {
        String text = chainSeq + "\n" + hash + "\n" + signedAt + (previousHash == null ? "" : "\n" + previousHash);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean verifies(PublicKey key, byte[] message, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }
}
