global using Aspire.Hosting;
global using Aspire.Hosting.ApplicationModel;
global using Aspire.Hosting.Testing;
global using Mart.Tests.Infrastructure;
global using Microsoft.Extensions.DependencyInjection;
global using Mart.Tests.Infrastructure.Identity;
