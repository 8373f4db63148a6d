global using Aspire.Hosting;
global using Aspire.Hosting.ApplicationModel;
global using Aspire.Hosting.Testing;
global using Mart.Tests.Infrastructure;
global using Mart.Tests.Infrastructure.Identity;
global using Microsoft.Extensions.DependencyInjection;
