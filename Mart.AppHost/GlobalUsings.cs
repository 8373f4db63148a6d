// The engine's API is in scope everywhere, as the Aspire SDK brings Aspire.Hosting into an AppHost.
global using Mart.Hosting;
