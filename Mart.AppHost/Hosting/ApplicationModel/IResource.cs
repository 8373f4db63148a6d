namespace Mart.Hosting;

/// <summary>A named part of the distributed application: a server, a database, a project, a parameter.</summary>
public interface IResource
{
    string Name { get; }

    /// <summary>The kind shown to people (Postgres, Project, ...).</summary>
    string Type { get; }

    ResourceAnnotations Annotations { get; }
}

/// <summary>A resource that other resources reach through a connection string (<c>ConnectionStrings__name</c>).</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>Resolves the connection string once the run-time values (ports, passwords) are known.</summary>
    ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default);
}

/// <summary>A resource that other resources reach through URLs (<c>services__name__http__0</c>).</summary>
public interface IResourceWithEndpoints : IResource
{
    IReadOnlyList<EndpointReference> Endpoints { get; }
}

/// <summary>A resource that lives inside another one (a database inside its server).</summary>
public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}

/// <summary>A resource whose URLs are handed to its referrers for service discovery (projects).</summary>
public interface IResourceWithServiceDiscovery : IResourceWithEndpoints;
