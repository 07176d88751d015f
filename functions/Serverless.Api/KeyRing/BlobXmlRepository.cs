using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Serverless.Api.KeyRing;

/// <summary>
/// Keeps the Data Protection key ring in one blob (a <c>repository</c> element holding every key), so all
/// instances of both hosts share it. Data Protection reads the ring rarely (it caches it for hours) and adds a key
/// about every 90 days; each add is a read-modify-write guarded by the blob's ETag, tried again when another
/// instance wrote in between.
/// </summary>
internal sealed class BlobXmlRepository(BlobContainerClient container, string blobName) : IXmlRepository
{
    private const int MaxAttempts = 10;
    private readonly BlobClient blob = container.GetBlobClient(blobName);
    private volatile bool containerExists;

    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements() =>
        Read().Document?.Root?.Elements().Select(e => new XElement(e)).ToArray() ?? [];

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        for (var attempt = 1; ; attempt++)
        {
            var (document, etag) = Read();
            var root = document?.Root ?? new XElement("repository");
            root.Add(new XElement(element));
            var conditions = etag is { } match ? new BlobRequestConditions { IfMatch = match } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                blob.Upload(
                    new BinaryData(Encoding.UTF8.GetBytes(root.ToString(SaveOptions.DisableFormatting))),
                    new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" } });
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another instance stored a key in between: add ours to what it wrote.
            }
        }
    }

    private (XDocument? Document, ETag? ETag) Read()
    {
        if (!containerExists)
        {
            container.CreateIfNotExists();
            containerExists = true;
        }

        try
        {
            var content = blob.DownloadContent().Value;
            return (XDocument.Parse(content.Content.ToString()), content.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, null);
        }
    }
}
