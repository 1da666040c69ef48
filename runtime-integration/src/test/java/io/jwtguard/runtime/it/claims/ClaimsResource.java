package io.jwtguard.runtime.it.claims;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Every @Claim injection form of MP-JWT 2.1, printed one per line. */
@Path("claims")
@RequestScoped
public class ClaimsResource {
    @Inject JsonWebToken jwt;
    @Inject @Claim("raw_token") String rawToken;
    @Inject @Claim(standard = Claims.iss) String issuer;
    @Inject @Claim("upn") String upn;
    @Inject @Claim("iat") Long iat;
    @Inject @Claim("iat") long iatPrimitive;
    @Inject @Claim("verified") Boolean verified;
    @Inject @Claim("verified") boolean verifiedPrimitive;
    @Inject @Claim("score") Double score;
    @Inject @Claim("groups") Set<String> groups;
    @Inject @Claim("aud") Set<String> audience;
    @Inject @Claim("sub") ClaimValue<String> subValue;
    @Inject @Claim("iat") ClaimValue<Long> iatValue;
    @Inject @Claim("groups") ClaimValue<Set<String>> groupsValue;
    @Inject @Claim("nickname") ClaimValue<Optional<String>> nicknameValue;
    @Inject @Claim("upn") ClaimValue<Optional<String>> upnOptionalValue;
    @Inject @Claim("upn") Optional<String> upnOptional;
    @Inject @Claim("nickname") Optional<String> nicknameOptional;
    @Inject @Claim("iat") Optional<Long> iatOptional;
    @Inject @Claim("upn") JsonString upnJson;
    @Inject @Claim("iat") JsonNumber iatJson;
    @Inject @Claim("groups") JsonArray groupsJson;
    @Inject @Claim("address") JsonObject address;
    @Inject @Claim("address") JsonValue addressValue;
    @Inject @Claim("sub") Provider<String> subProvider;
    @Inject @Claim("upn") Instance<String> upnInstance;
    @Inject @Claim("iat") Provider<ClaimValue<Long>> iatValueProvider;

    @GET
    public String all() {
        return "jwt.name=" + jwt.getName()
                + "\nraw_token.matches=" + (rawToken != null && rawToken.equals(jwt.getRawToken()))
                + "\niss=" + issuer
                + "\nupn=" + upn
                + "\niat=" + iat
                + "\niat.primitive=" + iatPrimitive
                + "\nverified=" + verified
                + "\nverified.primitive=" + verifiedPrimitive
                + "\nscore=" + score
                + "\ngroups=" + new TreeSet<>(groups)
                + "\naud=" + audience
                + "\nsub.value=" + subValue.getName() + ":" + subValue.getValue()
                + "\niat.value=" + iatValue.getValue()
                + "\ngroups.value=" + new TreeSet<>(groupsValue.getValue())
                + "\nnickname.value=" + nicknameValue.getValue()
                + "\nupn.optional.value=" + upnOptionalValue.getValue()
                + "\nupn.optional=" + upnOptional
                + "\nnickname.optional=" + nicknameOptional
                + "\niat.optional=" + iatOptional
                + "\nupn.json=" + upnJson.getString()
                + "\niat.json=" + iatJson.longValue()
                + "\ngroups.json.size=" + groupsJson.size()
                + "\naddress.city=" + address.getString("city")
                + "\naddress.value.type=" + addressValue.getValueType()
                + "\nsub.provider=" + subProvider.get()
                + "\nupn.instance=" + upnInstance.get()
                + "\niat.value.provider=" + iatValueProvider.get().getValue();
    }

    @GET
    @Path("anonymous")
    public String anonymous() {
        return "jwt.null=" + (jwt == null) + "\njwt.name=" + jwt.getName() + "\nclaims=" + jwt.getClaimNames()
                + "\nupn=" + upn + "\nupn.optional=" + upnOptional + "\niat.primitive=" + iatPrimitive;
    }
}
