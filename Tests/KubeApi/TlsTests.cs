using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansKube.Harness;
using OrleansKube.Tests.EndToEnd;

namespace OrleansKube.Tests.KubeApi;

/// <summary>The API over HTTPS: a silo given a PEM certificate and key, and kubectl trusting it through the kubeconfig okube prints.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Kubectl_reaches_the_api_over_https_with_the_certificate_authority_okube_embeds()
    {
        var directory = Directory.CreateTempSubdirectory("okube-tls-");
        try
        {
            var (certificate, key) = await WriteSelfSignedAsync(directory.FullName);
            var ports = SiloPorts.Free();
            await using var silo = await SiloProcess.StartAsync(ports, "--node-name", "tls", "--api-tls-cert", certificate, "--api-tls-key", key);

            var server = $"https://127.0.0.1:{ports.Api}";
            var printed = await Okube.RunAsync(silo.Gateway, "kubeconfig", "--server", server, "--certificate-authority", certificate);
            Assert.True(printed.ExitCode == 0, printed.ToString());
            Assert.Contains("certificate-authority-data: ", printed.Stdout);
            var kubeconfig = Path.Combine(directory.FullName, "config");
            await File.WriteAllTextAsync(kubeconfig, printed.Stdout);

            var nodes = await new Kubectl(kubeconfig).OkAsync("get", "nodes");
            Assert.Contains("tls", nodes);

            // The port speaks only TLS.
            using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync($"http://127.0.0.1:{ports.Api}/version"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // A certificate for 127.0.0.1 that is its own authority, as PEM files.
    private static async Task<(string Certificate, string Key)> WriteSelfSignedAsync(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=okube-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(directory, "api.crt");
        var keyPath = Path.Combine(directory, "api.key");
        await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
