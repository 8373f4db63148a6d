using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Mart.ServiceDefaults.Errors;

/// <summary>Exception handler first, then status code pages for bodiless 4xx/5xx, then the service's pipeline.</summary>
internal sealed class ErrorHandlingStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        next(app);
    };
}
