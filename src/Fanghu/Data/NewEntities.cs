using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Fanghu.Data;

/// <summary>
/// Writes entities the domain has built, but the context does not track, straight to their table — for a batch
/// use case that creates tens of thousands of them, where EF's unit of work would cost more than the work.
/// Columns, conversions and foreign keys come from the EF model: a foreign key is taken from its navigation when
/// the principal is set (a lead's case, written just before it), so the domain's constructors stay the only way
/// to build the rows. Each entity gets its new id. Runs inside the context's current transaction.
/// </summary>
internal static class NewEntities
{
    public static async Task InsertAsync<T>(FanghuDbContext db, IReadOnlyList<T> entities, CancellationToken ct) where T : class
    {
        if (entities.Count == 0) return;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} is not in the model");
        var key = type.FindPrimaryKey()!.Properties.Single();
        var properties = type.GetProperties().Where(p => p != key).ToList();
        if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            throw new NotSupportedException($"{typeof(T).Name}.{shadow.Name} is a shadow property: write {typeof(T).Name} through the context");
        var columns = properties.Select(p => new Column(p, p.GetContainingForeignKeys().Select(f => f.DependentToPrincipal).FirstOrDefault(n => n is not null)))
            .ToArray();

        var rows = new List<object?[]>(entities.Count);
        foreach (var entity in entities)
        {
            var row = new object?[columns.Length];
            for (var i = 0; i < columns.Length; i++) row[i] = columns[i].Read(entity);
            rows.Add(row);
        }
        var ids = await BulkInserter.InsertReturningIdsAsync(db, typeof(T), [.. properties.Select(p => p.Name)], rows, ct);
        var idField = key.FieldInfo ?? throw new NotSupportedException($"{typeof(T).Name}.{key.Name} has no backing field");
        for (var i = 0; i < entities.Count; i++) idField.SetValue(entities[i], ids[i]);
    }

    private sealed class Column(IProperty property, INavigation? principal)
    {
        private readonly IClrPropertyGetter _value = property.GetGetter();
        private readonly IClrPropertyGetter? _principal = principal?.GetGetter();
        private readonly IClrPropertyGetter? _principalKey = principal?.ForeignKey.PrincipalKey.Properties.Single().GetGetter();
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter = property.GetTypeMapping().Converter;

        public object? Read(object entity)
        {
            var value = _value.GetClrValue(entity);
            // The principal's id, known since it was written: the constructors set navigations, not keys.
            if (_principal?.GetClrValue(entity) is { } principal)
            {
                value = _principalKey!.GetClrValue(principal);
                if (value is 0L or 0) throw new InvalidOperationException($"{property.DeclaringType.ClrType.Name}.{property.Name}: its {principal.GetType().Name} is not written yet");
            }
            return value is null || _converter is null ? value : _converter.ConvertToProvider(value);
        }
    }
}
