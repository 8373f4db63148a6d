using Mart.Messaging;

namespace Mart.Tests.Unit.Messaging;

public sealed class InstanceIdentityTests
{
    [Theory]
    [InlineData("service.instance.id=orders-1", "orders-1")]
    [InlineData("deployment.environment=dev, service.instance.id = orders-2 ,host.name=x", "orders-2")]
    [InlineData("service.instance.id=a%2Cb", "a,b")]
    public void Instance_id_comes_from_the_resource_attributes(string attributes, string expected)
    {
        Assert.Equal(expected, InstanceIdentity.Resolve(attributes, "host", 12));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("service.name=orders")]
    [InlineData("service.instance.id=")]
    public void Without_one_it_is_machine_and_process(string? attributes)
    {
        Assert.Equal("host-12", InstanceIdentity.Resolve(attributes, "host", 12));
    }
}
